using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels;

/// <summary>Runs alone: it changes the process-wide <see cref="ComputeThreads.MaxThreads"/>.</summary>
[CollectionDefinition(nameof(GemmThreadCountTests), DisableParallelization = true)]
public class GemmThreadCountCollection;

[Collection(nameof(GemmThreadCountTests))]
public class GemmThreadCountTests
{
    [Theory]
    [InlineData(200, 300, 517)]  // rows split between threads
    [InlineData(20, 700, 300)]   // columns split between threads
    [InlineData(1, 300, 8000)]   // vector-matrix: column blocks
    [InlineData(5000, 1, 500)]   // matrix-vector: row blocks
    public void Results_AreBitIdentical_ForOneAndTwoThreads(int m, int n, int k)
    {
        foreach (bool transposeA in (bool[])[false, true])
        {
            foreach (bool transposeB in (bool[])[false, true])
            {
                float[] one = RunWithThreads(1, m, n, k, transposeA, transposeB);
                float[] two = RunWithThreads(2, m, n, k, transposeA, transposeB);
                Assert.True(one.AsSpan().SequenceEqual(two), $"transposeA={transposeA} transposeB={transposeB}");
            }
        }
    }

    private static float[] RunWithThreads(int threads, int m, int n, int k, bool transposeA, bool transposeB)
    {
        float[] a = GemmOracle.Random<float>(m * k, 21);
        float[] b = GemmOracle.Random<float>(k * n, 22);
        float[] c = GemmOracle.Random<float>(m * n, 23);
        int saved = ComputeThreads.MaxThreads;
        try
        {
            ComputeThreads.MaxThreads = threads;
            Gemm.Multiply<float>(a, transposeA, b, transposeB, c, m, n, k, accumulate: true);
        }
        finally
        {
            ComputeThreads.MaxThreads = saved;
        }
        return c;
    }
}
