using System.Numerics;
using System.Runtime.Intrinsics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Where the direct convolution reads: zero-padded copies of input rows, and the offsets into them of each tap and
/// of each output pixel's top-left input (a tap of a pixel reads at the sum of the two).
/// </summary>
internal static class DirectConvLayout
{
    /// <summary>
    /// padded [channels, rows, paddedWidth] = the rows of the [channels, height, width] image from
    /// <paramref name="firstRow"/> on (which may be negative), each shifted right by <paramref name="left"/>, with zeros
    /// for everything outside the image. Rows are short (8-64 elements on the reference model, about a thousand per
    /// image), so they are copied with vector moves rather than a memmove call each, which cost more than the copy.
    /// </summary>
    public static unsafe void PadRows<T>(ReadOnlySpan<T> image, int channels, int height, int width, int firstRow, int rows, int left,
        int paddedWidth, Span<T> padded)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int copied = Math.Clamp(paddedWidth - left, 0, width);
        int top = Math.Clamp(-firstRow, 0, rows), bottom = Math.Clamp(height - firstRow, top, rows);
        fixed (T* source = image)
        fixed (T* destination = padded)
        {
            for (int c = 0; c < channels; c++)
            {
                T* plane = destination + (long)c * rows * paddedWidth;
                new Span<T>(plane, top * paddedWidth).Clear();
                for (int r = top; r < bottom; r++)
                {
                    T* to = plane + (long)r * paddedWidth;
                    for (int x = 0; x < left; x++) to[x] = T.Zero;
                    CopyRow(source + ((long)c * height + firstRow + r) * width, to + left, copied);
                    for (int x = left + copied; x < paddedWidth; x++) to[x] = T.Zero;
                }
                new Span<T>(plane + (long)bottom * paddedWidth, (rows - bottom) * paddedWidth).Clear();
            }
        }
    }

    private static unsafe void CopyRow<T>(T* source, T* destination, int count) where T : unmanaged
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i <= count - Vector256<T>.Count; i += Vector256<T>.Count)
                Vector256.Load(source + i).Store(destination + i);
        for (; i < count; i++) destination[i] = source[i];
    }

    /// <summary>rowOffsets[i] = i * rowLength: the rows of a tile stored one after another.</summary>
    public static void ConsecutiveRows(int rowLength, Span<int> rowOffsets)
    {
        for (int i = 0; i < rowOffsets.Length; i++) rowOffsets[i] = i * rowLength;
    }

    /// <summary>
    /// offsets[t] = where tap t = (input channel, ky, kx) reads, relative to a pixel's top-left input; slots past the
    /// last tap repeat it (those results are computed and never read).
    /// </summary>
    public static void TapOffsets(in Conv2dShape s, int plane, int paddedWidth, Span<int> offsets)
    {
        int t = 0, taps = s.InChannels * s.KernelHeight * s.KernelWidth;
        for (int c = 0; c < s.InChannels; c++)
        for (int ky = 0; ky < s.KernelHeight; ky++)
        for (int kx = 0; kx < s.KernelWidth; kx++)
            offsets[t++] = c * plane + ky * paddedWidth + kx;
        offsets[taps..].Fill(offsets[taps - 1]);
    }

    /// <summary>
    /// offsets[i] = the padded-scratch position of the band's pixel i's top-left input; the tiles' slots past the
    /// last pixel repeat it (those results are computed and never read).
    /// </summary>
    public static void PixelOffsets(in Conv2dShape s, int pixels, int slots, int paddedWidth, Span<int> offsets)
    {
        for (int i = 0; i < slots; i++)
        {
            int pixel = Math.Min(i, pixels - 1), row = pixel / s.OutWidth, column = pixel % s.OutWidth;
            offsets[i] = row * s.StrideHeight * paddedWidth + column * s.StrideWidth;
        }
    }
}
