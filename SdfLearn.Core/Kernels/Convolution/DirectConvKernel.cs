using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The direct convolution's register tile: <see cref="Pixels"/> output pixels by one panel of 2 vectors of output
/// channels, kept in twelve registers while it walks the taps. Each tap broadcasts the six pixels' input values
/// (read straight from the zero-padded input at the tap's offset) and multiplies them by two vectors of packed
/// weights. Each output sums its taps in ascending order with one FMA chain. (A 12-pixel tile in AVX-512's 32
/// registers, which loads each weight vector once per 24 FMAs instead of 12, measured no faster: the tile is bound by
/// its FMAs and broadcasts, not its weight loads.)
/// </summary>
internal static unsafe class DirectConvKernel<T, TVector, TLanes>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : unmanaged
    where TLanes : ISimdLanes<T, TVector>
{
    /// <summary>Output pixels per tile.</summary>
    public const int Pixels = 6;

    /// <summary>Output channels per tile (one weight panel).</summary>
    public static int Channels => 2 * TLanes.Width;

    /// <summary>Row slots <see cref="Run"/> computes for <paramref name="rows"/> rows: whole tiles. The slots past the last row are computed and never read.</summary>
    public static int Slots(int rows) => (rows + Pixels - 1) / Pixels * Pixels;

    /// <summary>
    /// For each row i &lt; <see cref="Slots"/>(<paramref name="rows"/>): tile[rowOffsets[i] + 0..<see cref="Channels"/>)
    /// = sum over taps t of input[pixelOffsets[i] + tapOffsets[t]] * panel[t, ..] (added to the row instead with
    /// <paramref name="addToTile"/>), six rows at a time. The weight gradient runs the same loop with the roles swapped:
    /// taps as the rows and the output pixels as the "taps", over a pixel-major output gradient.
    /// </summary>
    public static void Run(T* input, int* pixelOffsets, int* rowOffsets, int rows, int* tapOffsets, int taps, T* panel, T* tile, bool addToTile)
    {
        for (int i = 0; i < rows; i += Pixels)
            RunTile(input, pixelOffsets + i, tapOffsets, taps, panel, tile, rowOffsets + i, addToTile);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunTile(T* input, int* pixelOffsets, int* tapOffsets, int taps, T* panel, T* tile, int* rowOffsets, bool addToTile)
    {
        int width = TLanes.Width;
        T* p0 = input + pixelOffsets[0], p1 = input + pixelOffsets[1], p2 = input + pixelOffsets[2];
        T* p3 = input + pixelOffsets[3], p4 = input + pixelOffsets[4], p5 = input + pixelOffsets[5];
        TVector c00 = TLanes.Zero, c01 = TLanes.Zero, c10 = TLanes.Zero, c11 = TLanes.Zero;
        TVector c20 = TLanes.Zero, c21 = TLanes.Zero, c30 = TLanes.Zero, c31 = TLanes.Zero;
        TVector c40 = TLanes.Zero, c41 = TLanes.Zero, c50 = TLanes.Zero, c51 = TLanes.Zero;
        T* w = panel;
        for (int t = 0; t < taps; t++)
        {
            int offset = tapOffsets[t];
            TVector w0 = TLanes.Load(w);
            TVector w1 = TLanes.Load(w + width);
            TVector x = TLanes.Broadcast(p0 + offset);
            c00 = TLanes.MultiplyAdd(x, w0, c00);
            c01 = TLanes.MultiplyAdd(x, w1, c01);
            x = TLanes.Broadcast(p1 + offset);
            c10 = TLanes.MultiplyAdd(x, w0, c10);
            c11 = TLanes.MultiplyAdd(x, w1, c11);
            x = TLanes.Broadcast(p2 + offset);
            c20 = TLanes.MultiplyAdd(x, w0, c20);
            c21 = TLanes.MultiplyAdd(x, w1, c21);
            x = TLanes.Broadcast(p3 + offset);
            c30 = TLanes.MultiplyAdd(x, w0, c30);
            c31 = TLanes.MultiplyAdd(x, w1, c31);
            x = TLanes.Broadcast(p4 + offset);
            c40 = TLanes.MultiplyAdd(x, w0, c40);
            c41 = TLanes.MultiplyAdd(x, w1, c41);
            x = TLanes.Broadcast(p5 + offset);
            c50 = TLanes.MultiplyAdd(x, w0, c50);
            c51 = TLanes.MultiplyAdd(x, w1, c51);
            w += 2 * width;
        }
        StoreRow(tile + rowOffsets[0], width, c00, c01, addToTile);
        StoreRow(tile + rowOffsets[1], width, c10, c11, addToTile);
        StoreRow(tile + rowOffsets[2], width, c20, c21, addToTile);
        StoreRow(tile + rowOffsets[3], width, c30, c31, addToTile);
        StoreRow(tile + rowOffsets[4], width, c40, c41, addToTile);
        StoreRow(tile + rowOffsets[5], width, c50, c51, addToTile);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(T* row, int width, TVector left, TVector right, bool addToRow)
    {
        if (addToRow)
        {
            left = TLanes.Add(TLanes.Load(row), left);
            right = TLanes.Add(TLanes.Load(row + width), right);
        }
        TLanes.Store(row, left);
        TLanes.Store(row + width, right);
    }
}
