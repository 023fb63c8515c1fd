using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels;

/// <summary>
/// Runs the blocked driver with each register width directly, so the widths this machine would not pick are
/// checked too (as far as its hardware runs them).
/// </summary>
public class GemmLaneTests
{
    public static TheoryData<string> Widths => new() { "512", "256", "portable" };

    [Theory]
    [MemberData(nameof(Widths))]
    public void Float_EachWidth_MatchesOracle(string width)
    {
        if (!Supported(width)) return;
        foreach ((int m, int n, int k) in Shapes) GemmTests.CheckAllLayouts(m, n, k, Driver<float>(width));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Double_EachWidth_MatchesOracle(string width)
    {
        if (!Supported(width)) return;
        foreach ((int m, int n, int k) in Shapes) GemmTests.CheckAllLayouts(m, n, k, Driver<double>(width));
    }

    /// <summary>Partial and full micro-tiles, one and several KC slices, one and two threads' worth of work.</summary>
    private static readonly (int M, int N, int K)[] Shapes = [(6, 32, 7), (13, 70, 300), (130, 97, 520), (25, 49, 1100)];

    private static bool Supported(string width) => width switch
    {
        "512" => Vector512.IsHardwareAccelerated,
        "256" => Vector256.IsHardwareAccelerated && Fma.IsSupported,
        _ => true,
    };

    private static unsafe GemmCall<T> Driver<T>(string width) where T : unmanaged, IFloatingPointIeee754<T> =>
        (a, transposeA, b, transposeB, c, m, n, k, accumulate) =>
        {
            fixed (T* pa = a)
            fixed (T* pb = b)
            fixed (T* pc = c)
            {
                if (width == "512")
                    GemmDriver<T, Vector512<T>, Lanes512<T>>.Multiply(pa, transposeA, pb, transposeB, pc, m, n, k, accumulate, new NoEpilogue<T>());
                else if (width == "256")
                    GemmDriver<T, Vector256<T>, Lanes256<T>>.Multiply(pa, transposeA, pb, transposeB, pc, m, n, k, accumulate, new NoEpilogue<T>());
                else
                    GemmDriver<T, Vector<T>, PortableLanes<T>>.Multiply(pa, transposeA, pb, transposeB, pc, m, n, k, accumulate, new NoEpilogue<T>());
            }
        };
}
