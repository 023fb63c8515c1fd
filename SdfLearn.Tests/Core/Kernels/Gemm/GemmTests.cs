using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels;

public class GemmTests
{
    /// <summary>
    /// Awkward sizes: 1, tile and block edges (MR = 6, NR = 16/32) on either side, and k around the slice depth
    /// (at most 512, cut into near-equal slices: 513 is 257 + 256, 1100 is 367 + 367 + 366).
    /// </summary>
    public static TheoryData<int, int, int> Sizes => new()
    {
        { 1, 1, 1 }, { 1, 17, 33 }, { 17, 1, 33 }, { 2, 7, 17 }, { 7, 2, 31 }, { 17, 33, 1 }, { 31, 63, 65 },
        { 33, 65, 63 }, { 63, 100, 257 }, { 65, 17, 100 }, { 100, 257, 33 }, { 257, 31, 7 }, { 6, 32, 256 },
        { 12, 64, 512 }, { 37, 129, 300 }, { 13, 35, 511 }, { 7, 33, 513 }, { 19, 45, 1100 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Float_AllLayouts_MatchOracle(int m, int n, int k) => CheckAllLayouts<float>(m, n, k);

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Double_AllLayouts_MatchOracle(int m, int n, int k) => CheckAllLayouts<double>(m, n, k);

    [Fact]
    public void Float_Large_MatchesOracle() => CheckAllLayouts<float>(1024, 300, 517);

    [Fact]
    public void Double_Large_MatchesOracle() => CheckAllLayouts<double>(300, 517, 1024);

    /// <summary>Deep k (a Linear weight gradient over many rows) takes the wide-column-block path of the driver.</summary>
    [Fact]
    public void Float_DeepK_MatchesOracle() => CheckAllLayouts<float>(70, 600, 5000);

    /// <summary>
    /// A^T B with a long k and a small C goes in parts along k, one thread's product each, then summed (9001 steps: four
    /// parts of 2250-2251; partial tiles at both edges; into C or added to it). Other layouts of the shape do not split.
    /// </summary>
    [Theory]
    [InlineData(70, 37, 9001)]
    [InlineData(6, 16, 4096)]    // two parts, whole tiles only
    [InlineData(1, 5, 5000)]     // a single row of C: the simple path, never split
    public void Float_SplitAlongK_MatchesOracle(int m, int n, int k) => CheckAllLayouts<float>(m, n, k);

    [Fact]
    public void Double_SplitAlongK_MatchesOracle() => CheckAllLayouts<double>(37, 70, 9001);

    [Theory]
    [InlineData(1, 300, 8000)]  // vector-matrix split over column blocks (the last partial)
    [InlineData(5000, 1, 500)]  // matrix-vector split over row blocks (the last partial)
    public void Float_LargeVectorProducts_MatchOracle(int m, int n, int k) => CheckAllLayouts<float>(m, n, k);

    [Fact]
    public void Half_TakesGenericPath_MatchesOracle()
    {
        var a = GemmOracle.Random<Half>(5 * 3, 1);
        var b = GemmOracle.Random<Half>(3 * 4, 2);
        var c = new Half[5 * 4];
        Gemm.Multiply<Half>(a, false, b, false, c, 5, 4, 3);
        double[] expected = GemmOracle.Expected(a, false, b, false, null, 5, 4, 3);
        for (int i = 0; i < c.Length; i++) Assert.Equal(expected[i], (double)c[i], 0.02);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ZeroK_ClearsOrKeepsC(bool accumulate)
    {
        var c = new float[] { 1, 2, 3, 4, 5, 6 };
        Gemm.Multiply<float>([], false, [], false, c, 2, 3, 0, accumulate);
        Assert.Equal(accumulate ? new float[] { 1, 2, 3, 4, 5, 6 } : new float[6], c);
    }

    [Fact]
    public void EmptyMOrN_LeavesCUntouched()
    {
        var c = new float[] { 7 };
        Gemm.Multiply<float>([], false, new float[5], false, c, 0, 1, 5);
        Gemm.Multiply<float>(new float[5], false, [], false, c, 1, 0, 5);
        Assert.Equal(7f, c[0]);
    }

    [Fact]
    public void ShortSpans_NameTheOperand()
    {
        float[] ok = new float[12];
        var a = Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(new float[5], true, ok, false, ok, 2, 3, 3));
        Assert.Equal("a", a.ParamName);
        Assert.Contains("A has 5 elements, needs 6 for 3x2 (transposed)", a.Message);
        var b = Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(ok, false, new float[8], false, ok, 2, 3, 3));
        Assert.Equal("b", b.ParamName);
        Assert.Contains("B has 8 elements, needs 9 for 3x3", b.Message);
        var c = Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(ok, false, ok, false, new float[5], 2, 3, 3));
        Assert.Equal("c", c.ParamName);
        Assert.Contains("C has 5 elements, needs 6 for 2x3", c.Message);
    }

    [Fact]
    public void NegativeDimension_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply<float>([], false, [], false, [], 1, -1, 1));
        Assert.Equal("n", error.ParamName);
    }

    private static readonly (bool TransposeA, bool TransposeB)[] Layouts = [(false, false), (true, false), (false, true), (true, true)];

    internal static void CheckAllLayouts<T>(int m, int n, int k, GemmCall<T>? multiply = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        multiply ??= (a, transposeA, b, transposeB, c, m, n, k, accumulate) =>
            Gemm.Multiply<T>(a, transposeA, b, transposeB, c, m, n, k, accumulate);
        T[] a = GemmOracle.Random<T>(m * k, 11);
        T[] b = GemmOracle.Random<T>(k * n, 12);
        T[] c0 = GemmOracle.Random<T>(m * n, 13);
        foreach ((bool transposeA, bool transposeB) in Layouts)
        {
            foreach (bool accumulate in (bool[])[false, true])
            {
                T[] c = (T[])c0.Clone();
                multiply(a, transposeA, b, transposeB, c, m, n, k, accumulate);
                double[] expected = GemmOracle.Expected(a, transposeA, b, transposeB, accumulate ? c0 : null, m, n, k);
                GemmOracle.AssertClose(expected, c, k,
                    $"{typeof(T).Name} {m}x{n}x{k} transposeA={transposeA} transposeB={transposeB} accumulate={accumulate}");
            }
        }
    }
}
