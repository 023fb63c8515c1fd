using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Moves one channel of one image between its NCHW plane and the column matrix of a convolution. The column matrix
/// has a row per (channel, ky, kx) and a column per output pixel, so <c>weight [OutC, InC*KH*KW] * columns</c> is
/// the convolution; several images may sit side by side in it, each owning <c>OutHeight * OutWidth</c> columns.
/// </summary>
internal static class Im2Col
{
    /// <summary>
    /// im2col: writes rows <c>channel*KH*KW ..</c> of <paramref name="columns"/> (a matrix with
    /// <paramref name="rowStride"/> columns, this image's block starting at column 0 of the span) from
    /// <paramref name="plane"/> (H x W), zero where the window hangs over the padding.
    /// </summary>
    public static void Gather<T>(in Conv2dShape s, ReadOnlySpan<T> plane, int channel, Span<T> columns, int rowStride)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int oh = s.OutHeight, ow = s.OutWidth, pixels = oh * ow;
        for (int ky = 0; ky < s.KernelHeight; ky++)
        {
            var (oyLo, oyHi) = ValidOutputRange(ky, s.PaddingHeight, s.StrideHeight, s.InHeight, oh);
            for (int kx = 0; kx < s.KernelWidth; kx++)
            {
                var (oxLo, oxHi) = ValidOutputRange(kx, s.PaddingWidth, s.StrideWidth, s.InWidth, ow);
                int row = (channel * s.KernelHeight + ky) * s.KernelWidth + kx;
                var dst = columns.Slice(row * rowStride, pixels);
                dst[..(oyLo * ow)].Clear();
                dst[(oyHi * ow)..].Clear();
                if (IsShiftedCopy(s))
                {
                    var (from, to, offset) = ShiftedBlock(s, ky, kx, oyLo, oyHi, plane.Length);
                    dst[(oyLo * ow)..from].Clear();
                    dst[to..(oyHi * ow)].Clear();
                    plane.Slice(from + offset, to - from).CopyTo(dst[from..to]);
                    ClearWrappedEntries(dst, ow, oyLo, oyHi, oxLo, oxHi);
                    continue;
                }
                for (int oy = oyLo; oy < oyHi; oy++)
                {
                    var dstRow = dst.Slice(oy * ow, ow);
                    var srcRow = plane.Slice((oy * s.StrideHeight - s.PaddingHeight + ky) * s.InWidth, s.InWidth);
                    dstRow[..oxLo].Clear();
                    dstRow[oxHi..].Clear();
                    int ix0 = oxLo * s.StrideWidth - s.PaddingWidth + kx;
                    if (s.StrideWidth == 1)
                    {
                        srcRow.Slice(ix0, oxHi - oxLo).CopyTo(dstRow[oxLo..oxHi]);
                    }
                    else
                    {
                        for (int ox = oxLo, ix = ix0; ox < oxHi; ox++, ix += s.StrideWidth)
                            dstRow[ox] = srcRow[ix];
                    }
                }
            }
        }
    }

    /// <summary>
    /// col2im: adds rows <c>channel*KH*KW ..</c> of <paramref name="columns"/> back onto <paramref name="plane"/>
    /// (H x W), each column entry to the input pixel it was gathered from; entries over the padding are dropped
    /// (and may be zeroed in <paramref name="columns"/>, which is scratch). The order of additions is fixed, so the
    /// result does not depend on threading.
    /// </summary>
    public static void ScatterAdd<T>(in Conv2dShape s, Span<T> columns, int rowStride, int channel, Span<T> plane)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int oh = s.OutHeight, ow = s.OutWidth, pixels = oh * ow;
        for (int ky = 0; ky < s.KernelHeight; ky++)
        {
            var (oyLo, oyHi) = ValidOutputRange(ky, s.PaddingHeight, s.StrideHeight, s.InHeight, oh);
            for (int kx = 0; kx < s.KernelWidth; kx++)
            {
                var (oxLo, oxHi) = ValidOutputRange(kx, s.PaddingWidth, s.StrideWidth, s.InWidth, ow);
                if (oxLo >= oxHi) continue;
                int row = (channel * s.KernelHeight + ky) * s.KernelWidth + kx;
                var src = columns.Slice(row * rowStride, pixels);
                if (IsShiftedCopy(s))
                {
                    ClearWrappedEntries(src, ow, oyLo, oyHi, oxLo, oxHi);
                    var (from, to, offset) = ShiftedBlock(s, ky, kx, oyLo, oyHi, plane.Length);
                    var dst = plane.Slice(from + offset, to - from);
                    TensorPrimitives.Add(dst, src[from..to], dst);
                    continue;
                }
                for (int oy = oyLo; oy < oyHi; oy++)
                {
                    var srcRow = src.Slice(oy * ow + oxLo, oxHi - oxLo);
                    var dstRow = plane.Slice((oy * s.StrideHeight - s.PaddingHeight + ky) * s.InWidth, s.InWidth);
                    int ix0 = oxLo * s.StrideWidth - s.PaddingWidth + kx;
                    if (s.StrideWidth == 1)
                    {
                        var dst = dstRow.Slice(ix0, srcRow.Length);
                        TensorPrimitives.Add(dst, srcRow, dst);
                    }
                    else
                    {
                        for (int i = 0, ix = ix0; i < srcRow.Length; i++, ix += s.StrideWidth)
                            dstRow[ix] += srcRow[i];
                    }
                }
            }
        }
    }

    /// <summary>
    /// Stride 1 with output width = input width ("same" padding): output pixel d of a tap's row reads input pixel
    /// d + offset, so rows oyLo..oyHi move as one contiguous block instead of one short segment per row.
    /// </summary>
    private static bool IsShiftedCopy(in Conv2dShape s) => s.StrideHeight == 1 && s.StrideWidth == 1 && s.OutWidth == s.InWidth;

    /// <summary>
    /// For <see cref="IsShiftedCopy"/>: the block [from, to) of the tap's column row (within rows oyLo..oyHi) whose
    /// input pixel d + offset lies inside the plane; entries of those rows outside it are padding.
    /// </summary>
    private static (int From, int To, int Offset) ShiftedBlock(in Conv2dShape s, int ky, int kx, int oyLo, int oyHi, int planeLength)
    {
        int width = s.InWidth, offset = (ky - s.PaddingHeight) * width + kx - s.PaddingWidth;
        int blockStart = oyLo * width, blockEnd = oyHi * width;
        int from = Math.Clamp(-offset, blockStart, blockEnd);
        int to = Math.Clamp(planeLength - offset, from, blockEnd);
        return (from, to, offset);
    }

    /// <summary>Zeroes, in rows oyLo..oyHi, the entries left of oxLo and right of oxHi: in a shifted block they wrapped in from a neighbouring input row.</summary>
    private static void ClearWrappedEntries<T>(Span<T> columnRow, int width, int oyLo, int oyHi, int oxLo, int oxHi)
    {
        if (oxLo == 0 && oxHi == width) return;
        for (int oy = oyLo; oy < oyHi; oy++)
        {
            var row = columnRow.Slice(oy * width, width);
            row[..oxLo].Clear();
            row[oxHi..].Clear();
        }
    }

    /// <summary>
    /// The output positions [lo, hi) whose window tap <paramref name="tap"/> lands inside the input
    /// (0 &lt;= o*stride - padding + tap &lt; inSize); empty (lo == hi) when none does.
    /// </summary>
    private static (int Lo, int Hi) ValidOutputRange(int tap, int padding, int stride, int inSize, int outSize)
    {
        int firstNeeded = padding - tap;                  // o*stride >= padding - tap
        int lo = firstNeeded <= 0 ? 0 : (firstNeeded + stride - 1) / stride;
        int lastAllowed = inSize - 1 + padding - tap;     // o*stride <= inSize - 1 + padding - tap
        int hi = lastAllowed < 0 ? 0 : Math.Min(outSize, lastAllowed / stride + 1);
        lo = Math.Min(lo, outSize);
        return (lo, Math.Max(lo, hi));
    }
}
