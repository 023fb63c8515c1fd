using System.Runtime.InteropServices;
using SdfLearn.Core.Distributed;
using SdfLearn.Tests.Mpi;
using Xunit.Abstractions;

namespace SdfLearn.Tests.Nn.Distributed;

/// <summary>Data-parallel training under <c>mpirun -np 2</c> against one process.</summary>
public class DataParallelMpiTests(ITestOutputHelper output)
{
    /// <summary>
    /// Two ranks at global batch B against one process at batch B. They are bit-identical to one process that computes
    /// the two shards' gradients apart and adds them (the same arithmetic: shares of 1/2 scale exactly), and so differ
    /// from one process over the whole batch only by float rounding: its backward pass adds the 32 rows' contributions
    /// in one sum where the ranks add two sums of 16.
    /// </summary>
    [MpiFact]
    public void TwoRanks_AtGlobalBatchB_EqualOneProcessAtBatchB()
    {
        const int steps = 25;
        string file = Path.Combine(Path.GetTempPath(), $"sdflearn-mpi-{Guid.NewGuid():N}.bin");
        try
        {
            var (exitCode, text) = MpiJob.Run(2, TimeSpan.FromSeconds(120), "train", file, $"{steps}");
            Assert.True(exitCode == 0, text);
            float[] ranks = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(file)).ToArray();
            float[] shardsInTurn = ShardedTraining.Train(SingleProcessCommunicator.Instance, steps, accumulatedShards: 2);
            float[] whole = ShardedTraining.Train(SingleProcessCommunicator.Instance, steps);

            Assert.Equal(shardsInTurn, ranks);
            double maxDifference = whole.Zip(ranks, (a, b) => Math.Abs(a - b)).Max();
            output.WriteLine($"{ranks.Length} weights after {steps} Adam steps: max |2 ranks - 1 process| = {maxDifference:E2} (largest weight {whole.Max(Math.Abs):F3})");
            Assert.True(maxDifference < 1e-5, $"2 ranks differ from 1 process by {maxDifference}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
