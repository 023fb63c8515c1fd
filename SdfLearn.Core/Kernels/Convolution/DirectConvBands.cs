using System.Buffers;
using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// One parallel chunk of <see cref="DirectConv2d"/>: a band of output rows of one image. It copies the input rows the
/// band reads into zero-padded scratch, runs <see cref="DirectConvKernel{T, TVector, TLanes}"/> over six-pixel tiles
/// and weight panels into pixel-major scratch [pixels, panels * panel width], and moves that to the NCHW output,
/// adding the bias.
/// </summary>
internal readonly unsafe struct DirectConvBands<T, TVector, TLanes>(Conv2dShape s, int bands, T* input, T* packedWeights, T* bias,
    T* output, bool accumulate) : IChunkBody
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : unmanaged
    where TLanes : ISimdLanes<T, TVector>
{
    private static int Tile => DirectConvKernel<T, TVector, TLanes>.Pixels;

    private static int PanelWidth => DirectConvKernel<T, TVector, TLanes>.Channels;

    public void Run(int chunk)
    {
        int image = chunk / bands, band = chunk % bands;
        int firstRow = s.OutHeight * band / bands, endRow = s.OutHeight * (band + 1) / bands;
        int paddedWidth = s.InWidth + 2 * s.PaddingWidth;
        int paddedRows = (endRow - firstRow - 1) * s.StrideHeight + s.KernelHeight;
        int plane = paddedRows * paddedWidth;
        int pixels = (endRow - firstRow) * s.OutWidth, tiles = (pixels + Tile - 1) / Tile;
        int panels = DirectConvWeights.Panels(s.OutChannels, PanelWidth), rowLength = panels * PanelWidth;
        int taps = s.InChannels * s.KernelHeight * s.KernelWidth;

        T[] padded = ArrayPool<T>.Shared.Rent(s.InChannels * plane);
        T[] result = ArrayPool<T>.Shared.Rent(tiles * Tile * rowLength);
        int[] offsets = ArrayPool<int>.Shared.Rent(taps + tiles * Tile);
        try
        {
            PadRows(new ReadOnlySpan<T>(input + (long)image * s.InChannels * s.InHeight * s.InWidth, s.InChannels * s.InHeight * s.InWidth),
                firstRow * s.StrideHeight - s.PaddingHeight, paddedRows, paddedWidth, padded);
            TapOffsets(plane, paddedWidth, offsets.AsSpan(0, taps));
            PixelOffsets(pixels, tiles * Tile, paddedWidth, offsets.AsSpan(taps, tiles * Tile));
            fixed (T* paddedPtr = padded)
            fixed (T* resultPtr = result)
            fixed (int* offsetsPtr = offsets)
            {
                for (int panel = 0; panel < panels; panel++)
                {
                    T* weights = packedWeights + (long)panel * taps * PanelWidth;
                    for (int tile = 0; tile < tiles; tile++)
                        DirectConvKernel<T, TVector, TLanes>.Run(paddedPtr, offsetsPtr + taps + tile * Tile, offsetsPtr, taps, weights,
                            resultPtr + (long)tile * Tile * rowLength + panel * PanelWidth, rowLength);
                }
                int outputPlane = s.OutHeight * s.OutWidth;
                PixelsToChannels.Move(resultPtr, rowLength, pixels, s.OutChannels, bias,
                    output + (long)image * s.OutChannels * outputPlane + firstRow * s.OutWidth, outputPlane, accumulate);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(padded);
            ArrayPool<T>.Shared.Return(result);
            ArrayPool<int>.Shared.Return(offsets);
        }
    }

    /// <summary>
    /// padded [InC, rows, paddedWidth] = the image's input rows from <paramref name="firstInputRow"/> on (which may be
    /// negative), with zeros for the padding left, right, above and below.
    /// </summary>
    private void PadRows(ReadOnlySpan<T> image, int firstInputRow, int rows, int paddedWidth, Span<T> padded)
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

    /// <summary>offsets[t] = where tap t = (input channel, ky, kx) reads, relative to a pixel's top-left input.</summary>
    private void TapOffsets(int plane, int paddedWidth, Span<int> offsets)
    {
        int t = 0;
        for (int c = 0; c < s.InChannels; c++)
        for (int ky = 0; ky < s.KernelHeight; ky++)
        for (int kx = 0; kx < s.KernelWidth; kx++)
            offsets[t++] = c * plane + ky * paddedWidth + kx;
    }

    /// <summary>
    /// offsets[i] = the padded-scratch position of the band's pixel i's top-left input; the tiles' slots past the
    /// last pixel repeat it (those results are computed and never read).
    /// </summary>
    private void PixelOffsets(int pixels, int slots, int paddedWidth, Span<int> offsets)
    {
        for (int i = 0; i < slots; i++)
        {
            int pixel = Math.Min(i, pixels - 1), row = pixel / s.OutWidth, column = pixel % s.OutWidth;
            offsets[i] = row * s.StrideHeight * paddedWidth + column * s.StrideWidth;
        }
    }
}
