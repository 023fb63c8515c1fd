using System.Runtime.InteropServices;
using SdfLearn.Core.Distributed;
using SdfLearn.Tests.Mpi;
using Xunit.Abstractions;

namespace SdfLearn.Tests.Nn.Distributed;

/// <summary>The general trainer data-parallel under <c>mpirun -np 2</c>: a stop on one rank, exact resume, and one process for reference.</summary>
public sealed class DataParallelTrainerMpiTests(ITestOutputHelper output) : IDisposable
{
    private const int Epochs = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-mpi-trainer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string In(string name) => Path.Combine(_folder, name);

    private static float[] ReadWeights(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();

    private static string Job(params string[] arguments)
    {
        var (exitCode, text) = MpiJob.Run(2, Timeout, arguments);
        Assert.True(exitCode == 0, text);
        return text;
    }

    [MpiFact]
    public void StopOnOneRank_StopsBoth_AndResumeWithTwoRanksIsExact()
    {
        Job("trainer", In("whole.safetensors"), $"{Epochs}", In("whole.bin"));

        // Rank 1 is asked to stop after step 6; the request rides in step 7's exchange, after which both stop.
        string stopped = Job("trainer", In("resumed.safetensors"), $"{Epochs}", In("stopped.bin"), "-", "6");
        Assert.Contains("rank 0: interrupted True at step 7", stopped);
        Assert.Contains("rank 1: interrupted True at step 7", stopped);
        Job("trainer", In("resumed.safetensors"), $"{Epochs}", In("resumed.bin"), In("resumed.safetensors"));
        Assert.Equal(ReadWeights(In("whole.bin")), ReadWeights(In("resumed.bin")));

        var refused = Assert.Throws<InvalidDataException>(() =>
            TrainerRegression.Run(SingleProcessCommunicator.Instance, Epochs, In("one.safetensors"), resumeFrom: In("resumed.safetensors")));
        Assert.Contains("was written by a run of 2 rank(s); resume it with 2 (mpirun -np 2)", refused.Message);

        var (_, single) = TrainerRegression.Run(SingleProcessCommunicator.Instance, Epochs, In("one.safetensors"));
        double maxDifference = single.Zip(ReadWeights(In("whole.bin")), (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"trainer, {Epochs * TrainerRegression.BatchesPerEpoch} steps: max |2 ranks - 1 process| = {maxDifference:E2}");
        Assert.True(maxDifference < 1e-5, $"2 ranks differ from 1 process by {maxDifference}");
    }
}
