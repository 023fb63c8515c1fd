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
    /// for everything outside the image.
    /// </summary>
    public static void PadRows<T>(ReadOnlySpan<T> image, int channels, int height, int width, int firstRow, int rows, int left,
        int paddedWidth, Span<T> padded)
        where T : unmanaged
    {
        int copied = Math.Clamp(paddedWidth - left, 0, width);
        for (int c = 0; c < channels; c++)
        for (int r = 0; r < rows; r++)
        {
            var to = padded.Slice((c * rows + r) * paddedWidth, paddedWidth);
            int y = firstRow + r;
            to.Clear();
            if (y >= 0 && y < height) image.Slice((c * height + y) * width, copied).CopyTo(to[left..]);
        }
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
        int kernel = s.KernelHeight * s.KernelWidth, taps = s.InChannels * kernel;
        for (int t = 0; t < offsets.Length; t++)
        {
            int tap = Math.Min(t, taps - 1), c = tap / kernel, ky = tap % kernel / s.KernelWidth, kx = tap % s.KernelWidth;
            offsets[t] = c * plane + ky * paddedWidth + kx;
        }
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
