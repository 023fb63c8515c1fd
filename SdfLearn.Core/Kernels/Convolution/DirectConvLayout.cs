namespace SdfLearn.Core.Kernels;

/// <summary>
/// Where the direct convolution reads: zero-padded copies of input rows, and the offsets into them of each tap and
/// of each output pixel's top-left input (a tap of a pixel reads at the sum of the two).
/// </summary>
internal static class DirectConvLayout
{
    /// <summary>
    /// padded [InC, rows, paddedWidth] = the image's input rows from <paramref name="firstInputRow"/> on (which may be
    /// negative), with zeros for the padding left, right, above and below.
    /// </summary>
    public static void PadRows<T>(in Conv2dShape s, ReadOnlySpan<T> image, int firstInputRow, int rows, int paddedWidth, Span<T> padded)
        where T : unmanaged
    {
        int width = s.InWidth, left = s.PaddingWidth;
        for (int c = 0; c < s.InChannels; c++)
        for (int r = 0; r < rows; r++)
        {
            var to = padded.Slice((c * rows + r) * paddedWidth, paddedWidth);
            int y = firstInputRow + r;
            if (y < 0 || y >= s.InHeight)
            {
                to.Clear();
                continue;
            }
            to[..left].Clear();
            image.Slice((c * s.InHeight + y) * width, width).CopyTo(to[left..]);
            to[(left + width)..].Clear();
        }
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
