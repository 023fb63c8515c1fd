using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Moves channel planes into pixel-major panels (the direct convolution weight gradient's view of the output
/// gradient): panel q = [pixels, panelWidth] holds channels q * panelWidth onwards, channels past the last zeroed.
/// Floats in 8 x 8 blocks transposed in registers, everything else (doubles, edges) element by element.
/// </summary>
internal static unsafe class ChannelsToPixels
{
    /// <summary>
    /// destination[(c / panelWidth) * pixels * panelWidth + i * panelWidth + c % panelWidth] = source[c * plane + i] for
    /// pixels i &lt; <paramref name="pixels"/>, channels c &lt; <paramref name="channels"/>, and 0 for the panels' other channels.
    /// <paramref name="panelWidth"/> is a multiple of 8.
    /// </summary>
    public static void Move<T>(T* source, long plane, int pixels, int channels, int panelWidth, T* destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int panels = (channels + panelWidth - 1) / panelWidth;
        int blockChannels = 0, blockPixels = 0;
        if (typeof(T) == typeof(float) && Avx.IsSupported)
        {
            blockChannels = channels / 8 * 8;
            blockPixels = pixels / 8 * 8;
            for (int c = 0; c < blockChannels; c += 8)
            for (int i = 0; i < blockPixels; i += 8)
                MoveBlock((float*)source + c * plane + i, plane, (float*)destination + Position(c, i, pixels, panelWidth), panelWidth);
        }
        for (int c = 0; c < panels * panelWidth; c++)
        for (int i = c < blockChannels ? blockPixels : 0; i < pixels; i++)
            destination[Position(c, i, pixels, panelWidth)] = c < channels ? source[c * plane + i] : T.Zero;
    }

    private static long Position(int channel, int pixel, int pixels, int panelWidth)
        => (long)(channel / panelWidth) * pixels * panelWidth + (long)pixel * panelWidth + channel % panelWidth;

    /// <summary>One 8 x 8 block of <see cref="Move{T}"/> in floats.</summary>
    private static void MoveBlock(float* source, long plane, float* destination, int panelWidth)
    {
        var r0 = Avx.LoadVector256(source);
        var r1 = Avx.LoadVector256(source + plane);
        var r2 = Avx.LoadVector256(source + 2 * plane);
        var r3 = Avx.LoadVector256(source + 3 * plane);
        var r4 = Avx.LoadVector256(source + 4 * plane);
        var r5 = Avx.LoadVector256(source + 5 * plane);
        var r6 = Avx.LoadVector256(source + 6 * plane);
        var r7 = Avx.LoadVector256(source + 7 * plane);
        RegisterTranspose.Transpose8x8(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        r0.Store(destination);
        r1.Store(destination + panelWidth);
        r2.Store(destination + 2 * panelWidth);
        r3.Store(destination + 3 * panelWidth);
        r4.Store(destination + 4 * panelWidth);
        r5.Store(destination + 5 * panelWidth);
        r6.Store(destination + 6 * panelWidth);
        r7.Store(destination + 7 * panelWidth);
    }
}
