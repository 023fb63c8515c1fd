using System.Buffers;
using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// One parallel chunk of <see cref="WinogradConv2d"/>'s passes: one image. It moves the image into its padded,
/// pixel-major tiles (<see cref="WinogradTiles"/>), then for each block of tile rows (sized so that its
/// transformed inputs and products stay in L2): the input transform of every tile into [ξ, tile, channel], for each ξ
/// a product of the tiles by the transformed filters on <see cref="DirectConvKernel{T, TVector, TLanes}"/> (tiles as
/// its rows, input channels as its taps) into [ξ, tile, output channel], the output transform into pixel-major rows,
/// and <see cref="PixelsToChannels"/> to the NCHW output with the bias.
/// </summary>
internal readonly unsafe struct WinogradImages<T, TVector, TLanes>(Conv2dShape s, T* input, T* packedFilters, T* bias, T* output, bool accumulate)
    : IChunkBody
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : unmanaged
    where TLanes : ISimdLanes<T, TVector>
{
    /// <summary>
    /// Bytes of one block's transformed inputs and products together, at most (unless one tile row needs more): about
    /// L2. Against 192 KiB, 512 KiB measured 0.88-0.99 of the time on the reference layers (whole images at 64 channels),
    /// and 96 KiB 1.26 on the 64-channel one.
    /// </summary>
    private const int BlockBytes = 512 * 1024;

    private static int PanelWidth => DirectConvKernel<T, TVector, TLanes>.Channels;

    private const int Elements = WinogradTransforms<T, TVector, TLanes>.Elements;

    public void Run(int image)
    {
        int width = TLanes.Width;
        var tiles = new WinogradTiles(s, width);
        int channels = tiles.Channels;
        int panels = DirectConvWeights.Panels(s.OutChannels, PanelWidth), rowLength = panels * PanelWidth;
        int tileBytes = Elements * (channels + rowLength) * sizeof(T);
        int blockRows = Math.Clamp(BlockBytes / (tileBytes * tiles.Columns), 1, tiles.Rows);
        int slots = DirectConvKernel<T, TVector, TLanes>.Slots(blockRows * tiles.Columns);
        int inputPlane = s.InHeight * s.InWidth, outputPlane = s.OutHeight * s.OutWidth;

        T[] padded = ArrayPool<T>.Shared.Rent(tiles.PaddedLength);
        T[] pixels = ArrayPool<T>.Shared.Rent(tiles.PixelsLength(s));
        T[] transformed = ArrayPool<T>.Shared.Rent(Elements * slots * channels);
        T[] products = ArrayPool<T>.Shared.Rent(Elements * slots * rowLength);
        T[] result = ArrayPool<T>.Shared.Rent(2 * blockRows * s.OutWidth * rowLength);
        int[] offsets = ArrayPool<int>.Shared.Rent(s.InChannels + 2 * slots);
        try
        {
            fixed (T* paddedPtr = padded)
            fixed (T* pixelsPtr = pixels)
            fixed (T* transformedPtr = transformed)
            fixed (T* productsPtr = products)
            fixed (T* resultPtr = result)
            fixed (int* offsetsPtr = offsets)
            {
                tiles.Pad(s, input + (long)image * s.InChannels * inputPlane, pixelsPtr, paddedPtr);
                int* taps = offsetsPtr, pixelOffsets = taps + s.InChannels, rowOffsets = pixelOffsets + slots;
                for (int c = 0; c < s.InChannels; c++) taps[c] = c;
                DirectConvLayout.ConsecutiveRows(rowLength, new Span<int>(rowOffsets, slots));
                int inputStride = slots * channels, productStride = slots * rowLength;
                for (int firstTileRow = 0; firstTileRow < tiles.Rows; firstTileRow += blockRows)
                {
                    int rows = Math.Min(blockRows, tiles.Rows - firstTileRow), count = rows * tiles.Columns;
                    for (int i = 0; i < slots; i++) pixelOffsets[i] = Math.Min(i, count - 1) * channels;
                    tiles.TransformInputs<T, TVector, TLanes>(paddedPtr, firstTileRow, rows, transformedPtr, inputStride);
                    for (int element = 0; element < Elements; element++)
                    for (int panel = 0; panel < panels; panel++)
                        DirectConvKernel<T, TVector, TLanes>.Run(transformedPtr + (long)element * inputStride, pixelOffsets, rowOffsets, count, taps,
                            s.InChannels, packedFilters + ((long)element * panels + panel) * s.InChannels * PanelWidth,
                            productsPtr + (long)element * productStride + panel * PanelWidth, addToTile: false);
                    int firstRow = 2 * firstTileRow, outputRows = Math.Min(2 * rows, s.OutHeight - firstRow);
                    for (int r = 0; r < rows; r++)
                    for (int x = 0; x < tiles.Columns; x++)
                    {
                        T* tile = productsPtr + (r * tiles.Columns + x) * rowLength;
                        T* to = resultPtr + ((long)2 * r * s.OutWidth + 2 * x) * rowLength;
                        int tileOutputRows = Math.Min(2, outputRows - 2 * r), tileOutputColumns = Math.Min(2, s.OutWidth - 2 * x);
                        for (int o = 0; o < rowLength; o += width)
                            WinogradTransforms<T, TVector, TLanes>.Output(tile + o, productStride, to + o, s.OutWidth * rowLength, rowLength,
                                tileOutputRows, tileOutputColumns);
                    }
                    PixelsToChannels.Move(resultPtr, rowLength, outputRows * s.OutWidth, s.OutChannels, bias,
                        output + (long)image * s.OutChannels * outputPlane + firstRow * s.OutWidth, outputPlane, accumulate);
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(padded);
            ArrayPool<T>.Shared.Return(pixels);
            ArrayPool<T>.Shared.Return(transformed);
            ArrayPool<T>.Shared.Return(products);
            ArrayPool<T>.Shared.Return(result);
            ArrayPool<int>.Shared.Return(offsets);
        }
    }
}
