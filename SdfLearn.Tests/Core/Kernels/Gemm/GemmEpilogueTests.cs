using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels;

/// <summary>
/// <see cref="Gemm.Multiply{T}(ReadOnlySpan{T}, bool, ReadOnlySpan{T}, bool, Span{T}, int, int, int, in GemmEpilogue{T})"/>
/// against the product (MathNet, in double) followed by the epilogue computed element by element.
/// </summary>
public class GemmEpilogueTests
{
    /// <summary>Blocked (one and two KC slices, partial tiles), small, vector and k = 0 products; one bias row or per-group rows; 0-3 terms.</summary>
    public static TheoryData<int, int, int, int, int> Shapes => new()
    {
        { 130, 97, 300, 130, 0 },
        { 120, 70, 33, 40, 2 },
        { 64, 20, 0, 16, 2 },
        { 200, 1, 17, 50, 3 },
        { 5, 7, 3, 5, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_MatchesProductThenEpilogue(int m, int n, int k, int rowsPerBias, int terms)
    {
        foreach (bool relu in (bool[])[true, false])
            foreach (bool transposeA in (bool[])[false, true])
                Check<float>(m, n, k, rowsPerBias, terms, relu, transposeA, transposeB: !transposeA);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_MatchesProductThenEpilogue(int m, int n, int k, int rowsPerBias, int terms)
    {
        foreach (bool relu in (bool[])[true, false]) Check<double>(m, n, k, rowsPerBias, terms, relu, transposeA: false, transposeB: true);
    }

    [Fact]
    public void WithoutBias_AppliesTermsAndRelu()
    {
        float[] a = GemmOracle.Random<float>(40 * 50, 1), b = GemmOracle.Random<float>(50 * 60, 2), c = new float[40 * 60];
        Gemm.Multiply<float>(a, false, b, false, c, 40, 60, 50, new GemmEpilogue<float>(default, 40, default, default, relu: true));
        var expected = GemmOracle.Expected(a, false, b, false, null, 40, 60, 50).Select(v => Math.Max(v, 0)).ToArray();
        GemmOracle.AssertClose(expected, c, 50, "no bias");
    }

    [Fact]
    public void EpilogueThatDoesNotFitC_Throws()
    {
        float[] a = new float[12], b = new float[12], c = new float[16], bias = new float[4];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(a, false, b, false, c, 4, 4, 3, new GemmEpilogue<float>(bias, 3, default, default, true)));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(a, false, b, false, c, 4, 4, 3, new GemmEpilogue<float>(bias, 4, new float[4], new float[5], true)));
    }

    private static void Check<T>(int m, int n, int k, int rowsPerBias, int termCount, bool relu, bool transposeA, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] a = GemmOracle.Random<T>(m * k, 11), b = GemmOracle.Random<T>(k * n, 12);
        T[] bias = GemmOracle.Random<T>(m / rowsPerBias * n, 13), terms = GemmOracle.Random<T>(m * termCount, 14);
        T[] termWeights = GemmOracle.Random<T>(termCount * n, 15);
        T[] c = GemmOracle.Random<T>(m * n, 16); // overwritten
        Gemm.Multiply<T>(a, transposeA, b, transposeB, c, m, n, k, new GemmEpilogue<T>(bias, rowsPerBias, terms, termWeights, relu));

        double[] expected = GemmOracle.Expected(a, transposeA, b, transposeB, null, m, n, k);
        for (int r = 0; r < m; r++)
            for (int j = 0; j < n; j++)
            {
                double v = expected[r * n + j] + double.CreateChecked(bias[r / rowsPerBias * n + j]);
                for (int t = 0; t < termCount; t++) v += double.CreateChecked(terms[r * termCount + t]) * double.CreateChecked(termWeights[t * n + j]);
                expected[r * n + j] = relu ? Math.Max(v, 0) : v;
            }
        GemmOracle.AssertClose(expected, c, k + termCount + 1, $"{m}x{n}x{k}, {rowsPerBias} rows per bias, {termCount} terms, relu {relu}, transposeA {transposeA}");
    }
}
