using System.Buffers;
using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// One parallel chunk of <see cref="DirectConv2d.BackwardWeight{T}"/>: a block of consecutive images whose weight
/// gradient it sums, image by image, into the block's partial gradWeight^T [tap slots, panels * panel width]. Per
/// image it pads the input, moves the output gradient into pixel-major panels, and runs
/// <see cref="DirectConvKernel{T, TVector, TLanes}"/> with six taps as its rows and the pixels as its sum.
/// </summary>
internal readonly unsafe struct DirectConvWeightBlocks<T, TVector, TLanes>(Conv2dShape s, int blocks, T* input, T* gradOutput, T* partials)
    : IChunkBody
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : unmanaged
    where TLanes : ISimdLanes<T, TVector>
{
    private static int Tile => DirectConvKernel<T, TVector, TLanes>.Pixels;

    private static int PanelWidth => DirectConvKernel<T, TVector, TLanes>.Channels;

    /// <summary>Rows of a block's partial: the taps rounded up to whole tiles.</summary>
    public static int TapSlots(in Conv2dShape s) => (s.InChannels * s.KernelHeight * s.KernelWidth + Tile - 1) / Tile * Tile;

    /// <summary>Elements of one block's partial gradient.</summary>
    public static int PartialLength(in Conv2dShape s) => TapSlots(s) * DirectConvWeights.Panels(s.OutChannels, PanelWidth) * PanelWidth;

    public void Run(int block)
    {
        int firstImage = s.Batch * block / blocks, endImage = s.Batch * (block + 1) / blocks;
        int paddedWidth = s.InWidth + 2 * s.PaddingWidth;
        int paddedRows = (s.OutHeight - 1) * s.StrideHeight + s.KernelHeight;
        int plane = paddedRows * paddedWidth, pixels = s.OutHeight * s.OutWidth, slots = TapSlots(s);
        int panels = DirectConvWeights.Panels(s.OutChannels, PanelWidth), rowLength = panels * PanelWidth;
        int inputImage = s.InChannels * s.InHeight * s.InWidth;

        T[] padded = ArrayPool<T>.Shared.Rent(s.InChannels * plane);
        T[] gradPixels = ArrayPool<T>.Shared.Rent(pixels * rowLength);
        int[] offsets = ArrayPool<int>.Shared.Rent(slots + pixels);
        try
        {
            DirectConvLayout.TapOffsets(s, plane, paddedWidth, offsets.AsSpan(0, slots));
            DirectConvLayout.PixelOffsets(s, pixels, pixels, paddedWidth, offsets.AsSpan(slots, pixels));
            T* partial = partials + (long)block * slots * rowLength;
            Span<int> rows = stackalloc int[Tile];
            DirectConvLayout.ConsecutiveRows(rowLength, rows);
            fixed (T* paddedPtr = padded)
            fixed (T* gradPixelsPtr = gradPixels)
            fixed (int* offsetsPtr = offsets)
            fixed (int* rowsPtr = rows)
            {
                for (int image = firstImage; image < endImage; image++)
                {
                    DirectConvLayout.PadRows(new ReadOnlySpan<T>(input + (long)image * inputImage, inputImage), s.InChannels, s.InHeight,
                        s.InWidth, -s.PaddingHeight, paddedRows, s.PaddingWidth, paddedWidth, padded);
                    ChannelsToPixels.Move(gradOutput + (long)image * s.OutChannels * pixels, pixels, pixels, s.OutChannels, PanelWidth,
                        gradPixelsPtr);
                    for (int panel = 0; panel < panels; panel++)
                    for (int tile = 0; tile < slots; tile += Tile)
                        DirectConvKernel<T, TVector, TLanes>.Run(paddedPtr, offsetsPtr + tile, offsetsPtr + slots, pixels,
                            gradPixelsPtr + (long)panel * pixels * PanelWidth, partial + (long)tile * rowLength + panel * PanelWidth, rowsPtr,
                            addToTile: image > firstImage);
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(padded);
            ArrayPool<T>.Shared.Return(gradPixels);
            ArrayPool<int>.Shared.Return(offsets);
        }
    }
}
