using System.Buffers;
using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// One parallel chunk of <see cref="DirectConv2d.BackwardInput{T}"/>: one image. It pads the image's output gradient,
/// then for each <see cref="InputGradientPhase"/> runs <see cref="DirectConvKernel{T, TVector, TLanes}"/> over the
/// phase's pixels with the phase's sub-kernel, storing each pixel's row at its place in pixel-major
/// scratch [InH * InW, panels * panel width]; then moves that scratch to the NCHW input gradient, adding the bias (if any).
/// </summary>
internal readonly unsafe struct DirectConvInputGradient<T, TVector, TLanes>(Conv2dShape s, T* gradOutput, T* packedPhases, T* bias,
    T* gradInput, bool accumulate) : IChunkBody
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : unmanaged
    where TLanes : ISimdLanes<T, TVector>
{
    private static int PanelWidth => DirectConvKernel<T, TVector, TLanes>.Channels;

    public void Run(int image)
    {
        // The padded gradient's row r holds output row r - (topRows - 1), so tap j of a phase pixel at a reads row a - j.
        int topRows = (s.KernelHeight + s.StrideHeight - 1) / s.StrideHeight, leftColumns = (s.KernelWidth + s.StrideWidth - 1) / s.StrideWidth;
        int paddedRows = (s.InHeight - 1 + s.PaddingHeight) / s.StrideHeight + topRows;
        int paddedWidth = (s.InWidth - 1 + s.PaddingWidth) / s.StrideWidth + leftColumns;
        int plane = paddedRows * paddedWidth, pixels = s.InHeight * s.InWidth, outputPlane = s.OutHeight * s.OutWidth;
        int panels = DirectConvWeights.Panels(s.InChannels, PanelWidth), rowLength = panels * PanelWidth;
        int slots = DirectConvKernel<T, TVector, TLanes>.Slots(pixels);

        T[] padded = ArrayPool<T>.Shared.Rent(s.OutChannels * plane);
        T[] result = ArrayPool<T>.Shared.Rent((pixels + 1) * rowLength);
        int[] offsets = ArrayPool<int>.Shared.Rent(s.OutChannels * topRows * leftColumns + 2 * slots);
        try
        {
            DirectConvLayout.PadRows(new ReadOnlySpan<T>(gradOutput + (long)image * s.OutChannels * outputPlane, s.OutChannels * outputPlane),
                s.OutChannels, s.OutHeight, s.OutWidth, 1 - topRows, paddedRows, leftColumns - 1, paddedWidth, padded);
            fixed (T* paddedPtr = padded)
            fixed (T* resultPtr = result)
            fixed (int* offsetsPtr = offsets)
            {
                T* weights = packedPhases;
                for (int rowPhase = 0; rowPhase < s.StrideHeight; rowPhase++)
                for (int columnPhase = 0; columnPhase < s.StrideWidth; columnPhase++)
                {
                    var phase = new InputGradientPhase(s, rowPhase, columnPhase);
                    int phasePixels = phase.Rows * phase.Columns;
                    if (phasePixels > 0)
                    {
                        int* taps = offsetsPtr, pixelOffsets = taps + phase.Taps, rowOffsets = pixelOffsets + slots;
                        PhaseOffsets(phase, plane, paddedWidth, topRows, leftColumns, rowLength, pixels, taps, pixelOffsets, rowOffsets);
                        for (int panel = 0; panel < panels; panel++)
                            DirectConvKernel<T, TVector, TLanes>.Run(paddedPtr, pixelOffsets, rowOffsets, phasePixels, taps, phase.Taps,
                                weights + (long)panel * phase.Taps * PanelWidth, resultPtr + panel * PanelWidth, addToTile: false);
                    }
                    weights += (long)panels * phase.Taps * PanelWidth;
                }
                PixelsToChannels.Move(resultPtr, rowLength, pixels, s.InChannels, bias, gradInput + (long)image * s.InChannels * pixels, pixels,
                    accumulate);
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
    /// The phase's tap offsets (output channel, j, i) into the padded gradient; for each of its pixels (tiles rounded up,
    /// the extra slots repeating the last pixel) the padded position of (a, b) and the pixel's row in the scratch,
    /// the extra slots' rows all at the spare row past the last pixel.
    /// </summary>
    private void PhaseOffsets(in InputGradientPhase phase, int plane, int paddedWidth, int topRows, int leftColumns, int rowLength, int pixels,
        int* taps, int* pixelOffsets, int* rowOffsets)
    {
        int t = 0;
        for (int o = 0; o < s.OutChannels; o++)
        for (int j = 0; j < phase.KernelRows; j++)
        for (int i = 0; i < phase.KernelColumns; i++)
            taps[t++] = o * plane + (topRows - 1 - j) * paddedWidth + leftColumns - 1 - i;
        int phasePixels = phase.Rows * phase.Columns, tiled = DirectConvKernel<T, TVector, TLanes>.Slots(phasePixels);
        for (int p = 0; p < tiled; p++)
        {
            int q = Math.Min(p, phasePixels - 1), row = q / phase.Columns, column = q % phase.Columns;
            pixelOffsets[p] = (phase.FirstA + row) * paddedWidth + phase.FirstB + column;
            int y = phase.FirstRow + row * s.StrideHeight, x = phase.FirstColumn + column * s.StrideWidth;
            rowOffsets[p] = (p < phasePixels ? y * s.InWidth + x : pixels) * rowLength;
        }
    }
}
