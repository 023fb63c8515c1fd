using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels;

/// <summary>The padded copies of the microkernel and the choice between them.</summary>
public unsafe class GemmMicroKernelChoiceTests
{
    private static bool HasAvx2Fma => Vector256.IsHardwareAccelerated && Fma.IsSupported;

    [Fact]
    public void EveryCopy_Float_SameBitsAsUnpadded() => CheckCopies<float>();

    [Fact]
    public void EveryCopy_Double_SameBitsAsUnpadded() => CheckCopies<double>();

    [Fact]
    public void Avx2Copies_LoopRecognisedInCompiledCode()
    {
        if (!HasAvx2Fma) return;
        var unpadded = GemmMicroKernelChoice<float, Vector256<float>, Lanes256<float>>.Compile<NoCodePad>();
        var padded = GemmMicroKernelChoice<float, Vector256<float>, Lanes256<float>>.Compile<Pads5>();
        Assert.NotNull(unpadded.Windows);
        Assert.NotNull(padded.Windows);
        Assert.Equal(2, unpadded.FewestWindows);
    }

    [Fact]
    public void UnrecognisedCode_KeepsUnpaddedCopy()
    {
        // Portable lanes multiply and add without fusing: no FMA loop to find.
        var unpadded = GemmMicroKernelChoice<float, Vector<float>, PortableLanes<float>>.Compile<NoCodePad>();
        Assert.Null(unpadded.Windows);
        Assert.Equal((nint)unpadded.Run, (nint)GemmMicroKernelChoice<float, Vector<float>, PortableLanes<float>>.Run);
    }

    private static void CheckCopies<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (HasAvx2Fma) CheckCopies<T, Vector256<T>, Lanes256<T>>();
        CheckCopies<T, Vector<T>, PortableLanes<T>>();
    }

    /// <summary>Full and partial tiles, stored and added, one to 300 k steps: the chosen and padded copies against the unpadded one.</summary>
    private static void CheckCopies<T, TVector, TLanes>() where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : unmanaged where TLanes : ISimdLanes<T, TVector>
    {
        int rows = GemmMicroKernel<T, TVector, TLanes, NoCodePad>.Rows, columns = GemmMicroKernel<T, TVector, TLanes, NoCodePad>.Columns;
        var copies = new[]
        {
            GemmMicroKernelChoice<T, TVector, TLanes>.Run,
            GemmMicroKernelChoice<T, TVector, TLanes>.Compile<OneMorePrefetch<NoCodePad>>().Run,
            GemmMicroKernelChoice<T, TVector, TLanes>.Compile<Pads5>().Run,
        };
        foreach (int kc in new[] { 1, 7, 300 })
        foreach ((int tileRows, int tileColumns) in new[] { (rows, columns), (rows - 2, columns - 3), (1, 1) })
        foreach (bool addToC in new[] { false, true })
        {
            T[] a = GemmOracle.Random<T>(rows * kc, 1), b = GemmOracle.Random<T>(columns * kc, 2);
            T[] expected = Tile<T, TVector, TLanes>(&GemmMicroKernel<T, TVector, TLanes, NoCodePad>.Run, a, b, kc, tileRows, tileColumns, addToC);
            foreach (var copy in copies)
                Assert.Equal(expected, Tile<T, TVector, TLanes>(copy, a, b, kc, tileRows, tileColumns, addToC));
        }
    }

    /// <summary>A C block one column wider than the tile, filled with random values, after <paramref name="run"/>.</summary>
    private static T[] Tile<T, TVector, TLanes>(delegate*<T*, T*, int, T*, int, int, int, bool, void> run, T[] a, T[] b, int kc,
        int rows, int columns, bool addToC) where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : unmanaged where TLanes : ISimdLanes<T, TVector>
    {
        int ldc = GemmMicroKernel<T, TVector, TLanes, NoCodePad>.Columns + 1;
        T[] c = GemmOracle.Random<T>(GemmMicroKernel<T, TVector, TLanes, NoCodePad>.Rows * ldc, 3);
        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
            run(pa, pb, kc, pc, ldc, rows, columns, addToC);
        return c;
    }

    /// <summary>Five prefetches before the loop.</summary>
    private struct Pads5 : ICodePad
    {
        public static void Emit(byte* line) => OneMorePrefetch<OneMorePrefetch<OneMorePrefetch<OneMorePrefetch<OneMorePrefetch<NoCodePad>>>>>.Emit(line);
    }
}
