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
    [InlineData(131, 67, 1100)]  // rows split, three near-equal k slices, partial tiles
    [InlineData(13, 701, 1025)]  // columns split, three near-equal k slices, partial tiles
    [InlineData(1, 300, 8000)]   // vector-matrix: column blocks
    [InlineData(5000, 1, 500)]   // matrix-vector: row blocks
    [InlineData(70, 37, 9001)]   // A^T B: four parts along k, summed in part order
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

    [Fact]
    public void Epilogue_AndItsGradient_AreBitIdentical_ForOneAndTwoThreads()
    {
        const int m = 1536, n = 70, k = 300, rowsPerBias = 512, terms = 2;
        float[] a = GemmOracle.Random<float>(m * k, 41), b = GemmOracle.Random<float>(k * n, 42), bias = GemmOracle.Random<float>(3 * n, 43);
        float[] rowTerms = GemmOracle.Random<float>(m * terms, 44), termWeights = GemmOracle.Random<float>(terms * n, 45), g = GemmOracle.Random<float>(m * n, 46);
        var results = new List<float[]>();
        int saved = ComputeThreads.MaxThreads;
        try
        {
            foreach (int threads in (int[])[1, 2])
            {
                ComputeThreads.MaxThreads = threads;
                float[] c = new float[m * n], gradPre = new float[m * n], biasSums = new float[3 * n], termSums = new float[terms * n];
                Gemm.Multiply<float>(a, false, b, false, c, m, n, k, new GemmEpilogue<float>(bias, rowsPerBias, rowTerms, termWeights, relu: true));
                AffineGradient.Backward<float>(g, c, true, rowTerms, terms, n, rowsPerBias, gradPre, biasSums, termSums,
                    new float[AffineGradient.ScratchLength(m, n, terms, rowsPerBias)]);
                results.Add([.. c, .. gradPre, .. biasSums, .. termSums]);
            }
        }
        finally
        {
            ComputeThreads.MaxThreads = saved;
        }
        Assert.True(results[0].AsSpan().SequenceEqual(results[1]));
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
