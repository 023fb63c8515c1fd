using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Packs convolution weights for <see cref="DirectConvKernel{T, TVector, TLanes}"/>: panels of
/// <c>panelWidth</c> channels of the pass's output, each [taps, panelWidth], channels past the last zero-filled.
/// </summary>
internal static class DirectConvWeights
{
    /// <summary>Elements of the packed weights.</summary>
    public static int Length(int outChannels, int taps, int panelWidth) => Panels(outChannels, panelWidth) * taps * panelWidth;

    /// <summary>Panels needed for <paramref name="outChannels"/> channels.</summary>
    public static int Panels(int outChannels, int panelWidth) => (outChannels + panelWidth - 1) / panelWidth;

    /// <summary>
    /// packed = the weights [outChannels, inChannels, KH, KW] of a forward pass: panels of output channels, taps
    /// (input channel, ky, kx).
    /// </summary>
    public static void PackForward<T>(ReadOnlySpan<T> weight, in Conv2dShape s, int panelWidth, Span<T> packed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int taps = s.InChannels * s.KernelHeight * s.KernelWidth;
        for (int first = 0; first < s.OutChannels; first += panelWidth)
        {
            int channels = Math.Min(panelWidth, s.OutChannels - first);
            var source = weight[(first * taps)..];
            for (int t = 0; t < taps; t++)
            {
                var row = packed.Slice((first * taps + t * panelWidth), panelWidth);
                for (int o = 0; o < channels; o++) row[o] = source[o * taps + t];
                row[channels..].Clear();
            }
        }
    }

    /// <summary>
    /// packed = the sub-kernel of input-gradient phase <paramref name="phase"/>: panels of input channels (the
    /// gradient's outputs), taps (output channel, j, i) reading weight[o, c, RowPhase + StrideHeight * j, ColumnPhase + StrideWidth * i].
    /// </summary>
    public static void PackInputGradientPhase<T>(ReadOnlySpan<T> weight, in Conv2dShape s, in InputGradientPhase phase, int panelWidth,
        Span<T> packed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Tap by tap, so the writes run along each panel row and the reads step through the channels (one kernel apart):
        // this runs on one thread before the parallel region, and channel by channel it cost 3-4% of enc5's pass.
        int kernel = s.KernelHeight * s.KernelWidth, panelLength = phase.Taps * panelWidth, t = 0;
        for (int o = 0; o < s.OutChannels; o++)
        for (int j = 0; j < phase.KernelRows; j++)
        for (int i = 0; i < phase.KernelColumns; i++, t++)
        {
            int ky = phase.RowPhase + s.StrideHeight * j, kx = phase.ColumnPhase + s.StrideWidth * i;
            var source = weight[((o * s.InChannels * s.KernelHeight + ky) * s.KernelWidth + kx)..];
            for (int first = 0; first < s.InChannels; first += panelWidth)
            {
                var row = packed.Slice(first / panelWidth * panelLength + t * panelWidth, panelWidth);
                int channels = Math.Min(panelWidth, s.InChannels - first);
                for (int c = 0; c < channels; c++) row[c] = source[(first + c) * kernel];
                row[channels..].Clear();
            }
        }
    }
}
