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
        int kernel = s.KernelHeight * s.KernelWidth, taps = s.InChannels * kernel;
        packed[..Length(s.OutChannels, taps, panelWidth)].Clear();
        for (int o = 0; o < s.OutChannels; o++)
        {
            var panel = packed.Slice(o / panelWidth * taps * panelWidth);
            for (int t = 0; t < taps; t++) panel[t * panelWidth + o % panelWidth] = weight[o * taps + t];
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
        packed[..Length(s.InChannels, phase.Taps, panelWidth)].Clear();
        for (int c = 0; c < s.InChannels; c++)
        {
            var panel = packed.Slice(c / panelWidth * phase.Taps * panelWidth);
            int t = 0;
            for (int o = 0; o < s.OutChannels; o++)
            for (int j = 0; j < phase.KernelRows; j++)
            for (int i = 0; i < phase.KernelColumns; i++)
            {
                int ky = phase.RowPhase + s.StrideHeight * j, kx = phase.ColumnPhase + s.StrideWidth * i;
                panel[t++ * panelWidth + c % panelWidth] = weight[((o * s.InChannels + c) * s.KernelHeight + ky) * s.KernelWidth + kx];
            }
        }
    }
}
