using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels;

/// <summary><see cref="AffineGradient.Backward"/> against the masked gradient and its sums computed element by element.</summary>
public class AffineGradientTests
{
    [Theory]
    [InlineData(7, 5, 7, 0, true)]       // one slab, one bias row
    [InlineData(600, 37, 600, 2, true)]  // several slabs in one bias group, a partial last slab
    [InlineData(1536, 19, 512, 3, true)] // per-group sums over two slabs each, terms across groups
    [InlineData(90, 8, 30, 1, false)]    // no ReLU: the gradient itself is summed
    public void MatchesElementByElementSums(int m, int n, int rowsPerBias, int termCount, bool relu)
    {
        double[] g = GemmOracle.Random<double>(m * n, 31), y = GemmOracle.Random<double>(m * n, 32), terms = GemmOracle.Random<double>(m * termCount, 33);
        double[] gradPre = new double[relu ? m * n : 0], biasSums = new double[m / rowsPerBias * n], termSums = new double[termCount * n];
        double[] scratch = new double[AffineGradient.ScratchLength(m, n, termCount, rowsPerBias)];
        AffineGradient.Backward<double>(g, y, relu, terms, termCount, n, rowsPerBias, gradPre, biasSums, termSums, scratch);

        var expectedBias = new double[biasSums.Length];
        var expectedTerms = new double[termSums.Length];
        for (int r = 0; r < m; r++)
            for (int j = 0; j < n; j++)
            {
                double v = relu && y[r * n + j] <= 0 ? 0 : g[r * n + j];
                if (relu) Assert.Equal(v, gradPre[r * n + j]);
                expectedBias[r / rowsPerBias * n + j] += v;
                for (int t = 0; t < termCount; t++) expectedTerms[t * n + j] += terms[r * termCount + t] * v;
            }
        for (int i = 0; i < expectedBias.Length; i++) Assert.Equal(expectedBias[i], biasSums[i], 1e-10);
        for (int i = 0; i < expectedTerms.Length; i++) Assert.Equal(expectedTerms[i], termSums[i], 1e-10);
    }

    [Fact]
    public void SpansThatDoNotFit_Throw()
    {
        var g = new double[12];
        Assert.Throws<ArgumentException>(() => AffineGradient.Backward<double>(g, g, true, default, 0, 4, 2, new double[12], new double[4], default, new double[100]));
        Assert.Throws<ArgumentException>(() => AffineGradient.Backward<double>(g, g, true, default, 0, 4, 3, new double[12], new double[4], default, new double[0]));
    }
}
