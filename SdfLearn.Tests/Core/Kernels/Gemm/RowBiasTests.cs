using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels;

[Collection(nameof(GemmThreadCountTests))]
public class RowBiasTests
{
    [Theory]
    [InlineData(7, 5)]       // one thread
    [InlineData(3000, 45)]   // row blocks and column blocks, the last partial
    public void AddAndSum_MatchLoops_ForAnyThreadCount(int rows, int n)
    {
        float[] matrix = GemmOracle.Random<float>(rows * n, 31);
        float[] bias = GemmOracle.Random<float>(n, 32);
        float[] start = GemmOracle.Random<float>(n, 33);
        float[] added = (float[])matrix.Clone(), summed = (float[])start.Clone(), overwritten = new float[n];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < n; j++)
            {
                added[r * n + j] += bias[j];
                summed[j] += matrix[r * n + j];
                overwritten[j] += matrix[r * n + j];
            }
        int saved = ComputeThreads.MaxThreads;
        try
        {
            foreach (int threads in (int[])[1, 2, 3])
            {
                ComputeThreads.MaxThreads = threads;
                float[] actual = (float[])matrix.Clone();
                RowBias.Add<float>(actual, bias);
                Assert.Equal(added, actual);
                float[] sums = (float[])start.Clone();
                RowBias.SumInto<float>(matrix, sums, accumulate: true);
                Assert.Equal(summed, sums);
                RowBias.SumInto<float>(matrix, sums, accumulate: false);
                Assert.Equal(overwritten, sums);
            }
        }
        finally
        {
            ComputeThreads.MaxThreads = saved;
        }
    }
}
