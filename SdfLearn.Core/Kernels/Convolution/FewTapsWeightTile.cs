using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The register tile of <see cref="FewTapsWeightGradient"/>: <see cref="Channels"/> output channels by
/// <see cref="Rows"/> taps, 20 accumulators each a vector over output pixels. Each step loads one vector of the output
/// gradient per channel and one of the input per tap (a contiguous run of a <see cref="StridePhasePlanes"/> plane) and
/// does 20 FMAs, so the output gradient is read straight from NCHW, once per tile, and no lanes are spent on padding
/// when the taps are few (a GEMM with m = 32, n = 9 and k = N * P would be). AVX-512 only: the 20 accumulators, 4
/// gradient vectors and one input vector need 25 of its 32 registers, more than AVX2's 16.
/// </summary>
internal static unsafe class FewTapsWeightTile
{
    /// <summary>Output channels per tile.</summary>
    public const int Channels = 4;

    /// <summary>Taps (rows of gradWeight^T) per tile.</summary>
    public const int Rows = 5;

    /// <summary>
    /// For each tile row r and channel k: partial[r * rowStride + k * (vector width) + lane] += the lane's share of
    /// the sum over output pixels (oy, ox) of gradOutput[k][oy * outWidth + ox] * planes[rowOffsets[r] + oy * planeWidth
    /// + ox]. <paramref name="gradOutput"/> holds the 4 channels' planes (each outHeight * outWidth long) at
    /// <paramref name="channelOffsets"/>; <paramref name="outWidth"/> is at least one vector.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T>(T* planes, int* rowOffsets, int planeWidth, T* gradOutput, int* channelOffsets, int outHeight, int outWidth,
        T* partial, int rowStride)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector512<T>.Count;
        T* x0 = planes + rowOffsets[0], x1 = planes + rowOffsets[1], x2 = planes + rowOffsets[2];
        T* x3 = planes + rowOffsets[3], x4 = planes + rowOffsets[4];
        T* g0 = gradOutput + channelOffsets[0], g1 = gradOutput + channelOffsets[1];
        T* g2 = gradOutput + channelOffsets[2], g3 = gradOutput + channelOffsets[3];
        Vector512<T> a00 = default, a01 = default, a02 = default, a03 = default, a04 = default;
        Vector512<T> a10 = default, a11 = default, a12 = default, a13 = default, a14 = default;
        Vector512<T> a20 = default, a21 = default, a22 = default, a23 = default, a24 = default;
        Vector512<T> a30 = default, a31 = default, a32 = default, a33 = default, a34 = default;
        // A row that does not fill whole vectors ends with a vector moved back to end at the row's end, its lanes
        // already summed masked to zero in both operands (so no load leaves the row, and 0 * an infinite input,
        // which would be NaN, never occurs). Masking costs an AND per load in every step but keeps one loop body:
        // the accumulators stay in registers only while the loop body is written out in one place.
        int last = outWidth - width, steps = (outWidth + width - 1) / width;
        Vector512<T> allLanes = Vector512<T>.AllBitsSet;
        Vector512<T> tailLanes = Vector512.GreaterThanOrEqual(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(steps * width - outWidth)));
        for (int oy = 0; oy < outHeight; oy++)
        {
            int x = oy * planeWidth, g = oy * outWidth;
            for (int step = 0; step < steps; step++)
            {
                int ox = step * width;
                Vector512<T> mask = allLanes;
                if (ox > last)
                {
                    ox = last;
                    mask = tailLanes;
                }
                int xo = x + ox, go = g + ox;
                Vector512<T> d0 = Vector512.Load(g0 + go) & mask, d1 = Vector512.Load(g1 + go) & mask;
                Vector512<T> d2 = Vector512.Load(g2 + go) & mask, d3 = Vector512.Load(g3 + go) & mask;
                Vector512<T> v = Vector512.Load(x0 + xo) & mask;
                a00 = Lanes512<T>.MultiplyAdd(v, d0, a00);
                a10 = Lanes512<T>.MultiplyAdd(v, d1, a10);
                a20 = Lanes512<T>.MultiplyAdd(v, d2, a20);
                a30 = Lanes512<T>.MultiplyAdd(v, d3, a30);
                v = Vector512.Load(x1 + xo) & mask;
                a01 = Lanes512<T>.MultiplyAdd(v, d0, a01);
                a11 = Lanes512<T>.MultiplyAdd(v, d1, a11);
                a21 = Lanes512<T>.MultiplyAdd(v, d2, a21);
                a31 = Lanes512<T>.MultiplyAdd(v, d3, a31);
                v = Vector512.Load(x2 + xo) & mask;
                a02 = Lanes512<T>.MultiplyAdd(v, d0, a02);
                a12 = Lanes512<T>.MultiplyAdd(v, d1, a12);
                a22 = Lanes512<T>.MultiplyAdd(v, d2, a22);
                a32 = Lanes512<T>.MultiplyAdd(v, d3, a32);
                v = Vector512.Load(x3 + xo) & mask;
                a03 = Lanes512<T>.MultiplyAdd(v, d0, a03);
                a13 = Lanes512<T>.MultiplyAdd(v, d1, a13);
                a23 = Lanes512<T>.MultiplyAdd(v, d2, a23);
                a33 = Lanes512<T>.MultiplyAdd(v, d3, a33);
                v = Vector512.Load(x4 + xo) & mask;
                a04 = Lanes512<T>.MultiplyAdd(v, d0, a04);
                a14 = Lanes512<T>.MultiplyAdd(v, d1, a14);
                a24 = Lanes512<T>.MultiplyAdd(v, d2, a24);
                a34 = Lanes512<T>.MultiplyAdd(v, d3, a34);
            }
        }
        AddRow(partial, width, a00, a10, a20, a30);
        AddRow(partial + rowStride, width, a01, a11, a21, a31);
        AddRow(partial + 2 * rowStride, width, a02, a12, a22, a32);
        AddRow(partial + 3 * rowStride, width, a03, a13, a23, a33);
        AddRow(partial + 4 * rowStride, width, a04, a14, a24, a34);
    }

    /// <summary>Adds one tap's four channel vectors to its row of the partial.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow<T>(T* row, int width, Vector512<T> c0, Vector512<T> c1, Vector512<T> c2, Vector512<T> c3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (Vector512.Load(row) + c0).Store(row);
        (Vector512.Load(row + width) + c1).Store(row + width);
        (Vector512.Load(row + 2 * width) + c2).Store(row + 2 * width);
        (Vector512.Load(row + 3 * width) + c3).Store(row + 3 * width);
    }
}
