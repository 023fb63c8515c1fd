using System.Buffers;
using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// One parallel chunk of <see cref="DirectConv2d.BackwardWeight{T}"/>: a block of consecutive images whose weight
/// gradient it sums, image by image, into the block's partial gradWeight^T [tap slots, panels * panel width]. Per
/// image it pads the input, moves the output gradient into pixel-major panels, and runs
/// <see cref="DirectConvKernel{T, TVector, TLanes}"/> with the taps as its rows and the pixels as its sum. With
/// <c>withBias</c> one more row sums the output gradient itself, the bias gradient: its "tap" reads a plane of ones
/// past the padded input, so it costs a row of the tile (often an idle one: 9 taps fill 12 rows) instead of another
/// pass over the output gradient.
/// </summary>
internal readonly unsafe struct DirectConvWeightBlocks<T, TVector, TLanes>(Conv2dShape s, bool withBias, int blocks, T* input, T* gradOutput,
    T* partials)
    : IChunkBody
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : unmanaged
    where TLanes : ISimdLanes<T, TVector>
{
    private static int PanelWidth => DirectConvKernel<T, TVector, TLanes>.Channels;

    /// <summary>Rows of a block's partial: the taps (then the bias, <paramref name="withBias"/>) rounded up to whole tiles.</summary>
    public static int TapSlots(in Conv2dShape s, bool withBias)
        => DirectConvKernel<T, TVector, TLanes>.Slots(s.InChannels * s.KernelHeight * s.KernelWidth + (withBias ? 1 : 0));

    /// <summary>Elements of one block's partial gradient.</summary>
    public static int PartialLength(in Conv2dShape s, bool withBias)
        => TapSlots(s, withBias) * DirectConvWeights.Panels(s.OutChannels, PanelWidth) * PanelWidth;

    public void Run(int block)
    {
        int firstImage = s.Batch * block / blocks, endImage = s.Batch * (block + 1) / blocks;
        int paddedWidth = s.InWidth + 2 * s.PaddingWidth;
        int paddedRows = (s.OutHeight - 1) * s.StrideHeight + s.KernelHeight;
        int plane = paddedRows * paddedWidth, pixels = s.OutHeight * s.OutWidth, slots = TapSlots(s, withBias);
        int taps = s.InChannels * s.KernelHeight * s.KernelWidth, rows = taps + (withBias ? 1 : 0);
        int panels = DirectConvWeights.Panels(s.OutChannels, PanelWidth), rowLength = panels * PanelWidth;
        int inputImage = s.InChannels * s.InHeight * s.InWidth;

        T[] padded = ArrayPool<T>.Shared.Rent((s.InChannels + 1) * plane);
        T[] gradPixels = ArrayPool<T>.Shared.Rent(pixels * rowLength);
        int[] offsets = ArrayPool<int>.Shared.Rent(2 * slots + pixels);
        try
        {
            DirectConvLayout.TapOffsets(s, plane, paddedWidth, offsets.AsSpan(0, taps));
            offsets.AsSpan(taps, slots - taps).Fill(offsets[taps - 1]);
            if (withBias) offsets[taps] = s.InChannels * plane;
            padded.AsSpan(s.InChannels * plane, plane).Fill(T.One);
            DirectConvLayout.PixelOffsets(s, pixels, pixels, paddedWidth, offsets.AsSpan(slots, pixels));
            DirectConvLayout.ConsecutiveRows(rowLength, offsets.AsSpan(slots + pixels, slots));
            T* partial = partials + (long)block * slots * rowLength;
            fixed (T* paddedPtr = padded)
            fixed (T* gradPixelsPtr = gradPixels)
            fixed (int* offsetsPtr = offsets)
            {
                for (int image = firstImage; image < endImage; image++)
                {
                    DirectConvLayout.PadRows(new ReadOnlySpan<T>(input + (long)image * inputImage, inputImage), s.InChannels, s.InHeight,
                        s.InWidth, -s.PaddingHeight, paddedRows, s.PaddingWidth, paddedWidth, padded);
                    ChannelsToPixels.Move(gradOutput + (long)image * s.OutChannels * pixels, pixels, pixels, s.OutChannels, PanelWidth,
                        gradPixelsPtr);
                    for (int panel = 0; panel < panels; panel++)
                        DirectConvKernel<T, TVector, TLanes>.Run(paddedPtr, offsetsPtr, offsetsPtr + slots + pixels, rows, offsetsPtr + slots, pixels,
                            gradPixelsPtr + (long)panel * pixels * PanelWidth, partial + panel * PanelWidth, addToTile: image > firstImage);
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
