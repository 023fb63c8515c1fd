using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The direct convolution's register tile: rows of output pixels by one panel of 2 vectors of output channels, kept in
/// registers while it walks the taps: <see cref="Pixels"/> = 12 rows (24 accumulators) with AVX-512's 32 vector
/// registers, 6 rows (12 accumulators) with AVX2's 16, and a 6-row tile for the last few rows of a run either way.
/// Each tap broadcasts the rows' input values (read straight from the zero-padded input at the tap's offset) and
/// multiplies them by two vectors of packed weights; the 12-row tile loads each weight vector once for 24 FMAs
/// instead of 12, and spreads a tile's setup and stores over twice the work. Each output sums its taps in ascending
/// order with one FMA chain, whichever tile computes it.
/// </summary>
internal static unsafe class DirectConvKernel<T, TVector, TLanes>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : unmanaged
    where TLanes : ISimdLanes<T, TVector>
{
    /// <summary>Rows of the narrow tile, which also finishes runs whose last rows would leave a wide tile mostly idle.</summary>
    public const int NarrowPixels = 6;

    /// <summary>Rows of the wide tile: 12 with 512-bit vectors (32 registers), else <see cref="NarrowPixels"/>.</summary>
    public static int Pixels => typeof(TVector) == typeof(Vector512<T>) ? 2 * NarrowPixels : NarrowPixels;

    /// <summary>Output channels per tile (one weight panel).</summary>
    public static int Channels => 2 * TLanes.Width;

    /// <summary>
    /// Row slots <see cref="Run"/> computes for <paramref name="rows"/> rows: wide tiles, the last one narrow when at
    /// most <see cref="NarrowPixels"/> rows remain. The slots past the last row are computed and never read.
    /// </summary>
    public static int Slots(int rows)
    {
        int slots = 0;
        while (slots < rows) slots += rows - slots > NarrowPixels ? Pixels : NarrowPixels;
        return slots;
    }

    /// <summary>
    /// For each row i &lt; <see cref="Slots"/>(<paramref name="rows"/>): tile[rowOffsets[i] + 0..<see cref="Channels"/>)
    /// = sum over taps t of input[pixelOffsets[i] + tapOffsets[t]] * panel[t, ..] (added to the row instead with
    /// <paramref name="addToTile"/>). The weight gradient runs the same loop with the roles swapped: taps as the rows
    /// and the output pixels as the "taps", over a pixel-major output gradient.
    /// </summary>
    public static void Run(T* input, int* pixelOffsets, int* rowOffsets, int rows, int* tapOffsets, int taps, T* panel, T* tile, bool addToTile)
    {
        for (int i = 0; i < rows;)
        {
            if (rows - i > NarrowPixels && Pixels > NarrowPixels)
            {
                Run12(input, pixelOffsets + i, tapOffsets, taps, panel, tile, rowOffsets + i, addToTile);
                i += 2 * NarrowPixels;
            }
            else
            {
                Run6(input, pixelOffsets + i, tapOffsets, taps, panel, tile, rowOffsets + i, addToTile);
                i += NarrowPixels;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run6(T* input, int* pixelOffsets, int* tapOffsets, int taps, T* panel, T* tile, int* rowOffsets, bool addToTile)
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run12(T* input, int* pixelOffsets, int* tapOffsets, int taps, T* panel, T* tile, int* rowOffsets, bool addToTile)
    {
        int width = TLanes.Width;
        T* p0 = input + pixelOffsets[0], p1 = input + pixelOffsets[1], p2 = input + pixelOffsets[2];
        T* p3 = input + pixelOffsets[3], p4 = input + pixelOffsets[4], p5 = input + pixelOffsets[5];
        T* p6 = input + pixelOffsets[6], p7 = input + pixelOffsets[7], p8 = input + pixelOffsets[8];
        T* p9 = input + pixelOffsets[9], p10 = input + pixelOffsets[10], p11 = input + pixelOffsets[11];
        TVector c00 = TLanes.Zero, c01 = TLanes.Zero, c10 = TLanes.Zero, c11 = TLanes.Zero;
        TVector c20 = TLanes.Zero, c21 = TLanes.Zero, c30 = TLanes.Zero, c31 = TLanes.Zero;
        TVector c40 = TLanes.Zero, c41 = TLanes.Zero, c50 = TLanes.Zero, c51 = TLanes.Zero;
        TVector c60 = TLanes.Zero, c61 = TLanes.Zero, c70 = TLanes.Zero, c71 = TLanes.Zero;
        TVector c80 = TLanes.Zero, c81 = TLanes.Zero, c90 = TLanes.Zero, c91 = TLanes.Zero;
        TVector c100 = TLanes.Zero, c101 = TLanes.Zero, c110 = TLanes.Zero, c111 = TLanes.Zero;
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
            x = TLanes.Broadcast(p6 + offset);
            c60 = TLanes.MultiplyAdd(x, w0, c60);
            c61 = TLanes.MultiplyAdd(x, w1, c61);
            x = TLanes.Broadcast(p7 + offset);
            c70 = TLanes.MultiplyAdd(x, w0, c70);
            c71 = TLanes.MultiplyAdd(x, w1, c71);
            x = TLanes.Broadcast(p8 + offset);
            c80 = TLanes.MultiplyAdd(x, w0, c80);
            c81 = TLanes.MultiplyAdd(x, w1, c81);
            x = TLanes.Broadcast(p9 + offset);
            c90 = TLanes.MultiplyAdd(x, w0, c90);
            c91 = TLanes.MultiplyAdd(x, w1, c91);
            x = TLanes.Broadcast(p10 + offset);
            c100 = TLanes.MultiplyAdd(x, w0, c100);
            c101 = TLanes.MultiplyAdd(x, w1, c101);
            x = TLanes.Broadcast(p11 + offset);
            c110 = TLanes.MultiplyAdd(x, w0, c110);
            c111 = TLanes.MultiplyAdd(x, w1, c111);
            w += 2 * width;
        }
        StoreRow(tile + rowOffsets[0], width, c00, c01, addToTile);
        StoreRow(tile + rowOffsets[1], width, c10, c11, addToTile);
        StoreRow(tile + rowOffsets[2], width, c20, c21, addToTile);
        StoreRow(tile + rowOffsets[3], width, c30, c31, addToTile);
        StoreRow(tile + rowOffsets[4], width, c40, c41, addToTile);
        StoreRow(tile + rowOffsets[5], width, c50, c51, addToTile);
        StoreRow(tile + rowOffsets[6], width, c60, c61, addToTile);
        StoreRow(tile + rowOffsets[7], width, c70, c71, addToTile);
        StoreRow(tile + rowOffsets[8], width, c80, c81, addToTile);
        StoreRow(tile + rowOffsets[9], width, c90, c91, addToTile);
        StoreRow(tile + rowOffsets[10], width, c100, c101, addToTile);
        StoreRow(tile + rowOffsets[11], width, c110, c111, addToTile);
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
