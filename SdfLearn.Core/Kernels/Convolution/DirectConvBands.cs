using System.Buffers;
using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// One parallel chunk of <see cref="DirectConv2d"/>: a band of output rows of one image. It copies the input rows the
/// band reads into zero-padded scratch, runs <see cref="DirectConvKernel{T, TVector, TLanes}"/> over its pixels
/// and weight panels into pixel-major scratch [pixels, panels * panel width], and moves that to the NCHW output,
/// adding the bias.
/// </summary>
internal readonly unsafe struct DirectConvBands<T, TVector, TLanes>(Conv2dShape s, int bands, T* input, T* packedWeights, T* bias,
    T* output, bool accumulate) : IChunkBody
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : unmanaged
    where TLanes : ISimdLanes<T, TVector>
{
    private static int PanelWidth => DirectConvKernel<T, TVector, TLanes>.Channels;

    public void Run(int chunk)
    {
        int image = chunk / bands, band = chunk % bands;
        int firstRow = s.OutHeight * band / bands, endRow = s.OutHeight * (band + 1) / bands;
        int paddedWidth = s.InWidth + 2 * s.PaddingWidth;
        int paddedRows = (endRow - firstRow - 1) * s.StrideHeight + s.KernelHeight;
        int plane = paddedRows * paddedWidth;
        int pixels = (endRow - firstRow) * s.OutWidth, slots = DirectConvKernel<T, TVector, TLanes>.Slots(pixels);
        int panels = DirectConvWeights.Panels(s.OutChannels, PanelWidth), rowLength = panels * PanelWidth;
        int taps = s.InChannels * s.KernelHeight * s.KernelWidth;

        T[] padded = ArrayPool<T>.Shared.Rent(s.InChannels * plane);
        T[] result = ArrayPool<T>.Shared.Rent(slots * rowLength);
        int[] offsets = ArrayPool<int>.Shared.Rent(taps + 2 * slots);
        try
        {
            DirectConvLayout.PadRows(new ReadOnlySpan<T>(input + (long)image * s.InChannels * s.InHeight * s.InWidth, s.InChannels * s.InHeight * s.InWidth),
                s.InChannels, s.InHeight, s.InWidth, firstRow * s.StrideHeight - s.PaddingHeight, paddedRows, s.PaddingWidth, paddedWidth, padded);
            DirectConvLayout.TapOffsets(s, plane, paddedWidth, offsets.AsSpan(0, taps));
            DirectConvLayout.PixelOffsets(s, pixels, slots, paddedWidth, offsets.AsSpan(taps, slots));
            DirectConvLayout.ConsecutiveRows(rowLength, offsets.AsSpan(taps + slots, slots));
            fixed (T* paddedPtr = padded)
            fixed (T* resultPtr = result)
            fixed (int* offsetsPtr = offsets)
            {
                for (int panel = 0; panel < panels; panel++)
                    DirectConvKernel<T, TVector, TLanes>.Run(paddedPtr, offsetsPtr + taps, offsetsPtr + taps + slots, pixels, offsetsPtr, taps,
                        packedWeights + (long)panel * taps * PanelWidth, resultPtr + panel * PanelWidth, addToTile: false);
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
}
