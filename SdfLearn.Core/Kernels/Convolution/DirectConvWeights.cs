using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Packs convolution weights for <see cref="DirectConvKernel{T, TVector, TLanes}"/>: panels of
/// <c>panelWidth</c> output channels, each [taps, panelWidth] with tap t = (input channel, ky, kx) in that order,
/// channels past the last zero-filled.
/// </summary>
internal static class DirectConvWeights
{
    /// <summary>Elements of the packed weights.</summary>
    public static int Length(int outChannels, int taps, int panelWidth) => Panels(outChannels, panelWidth) * taps * panelWidth;

    /// <summary>Panels needed for <paramref name="outChannels"/> output channels.</summary>
    public static int Panels(int outChannels, int panelWidth) => (outChannels + panelWidth - 1) / panelWidth;

    /// <summary>
    /// packed = the weights of the convolution with <paramref name="outChannels"/> outputs, <paramref name="inChannels"/>
    /// inputs and a <paramref name="kernelHeight"/> x <paramref name="kernelWidth"/> kernel. As stored, <paramref name="weight"/>
    /// is [outChannels, inChannels, KH, KW]. With <paramref name="flipped"/> it is [inChannels, outChannels, KH, KW]
    /// and read rotated by 180 degrees: the weights of the stride-1 convolution that computes an input gradient.
    /// </summary>
    public static void Pack<T>(ReadOnlySpan<T> weight, int outChannels, int inChannels, int kernelHeight, int kernelWidth,
        bool flipped, int panelWidth, Span<T> packed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int kernel = kernelHeight * kernelWidth, taps = inChannels * kernel;
        packed[..Length(outChannels, taps, panelWidth)].Clear();
        for (int o = 0; o < outChannels; o++)
        {
            var panel = packed.Slice(o / panelWidth * taps * panelWidth);
            int lane = o % panelWidth;
            for (int c = 0; c < inChannels; c++)
            for (int tap = 0; tap < kernel; tap++)
            {
                int source = flipped ? (c * outChannels + o) * kernel + kernel - 1 - tap : (o * inChannels + c) * kernel + tap;
                panel[(c * kernel + tap) * panelWidth + lane] = weight[source];
            }
        }
    }
}
