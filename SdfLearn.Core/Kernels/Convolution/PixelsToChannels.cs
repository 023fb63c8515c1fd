using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Moves a pixel-major block [pixels, rowLength] (the direct convolution's tiles) into channel planes, adding a
/// per-channel bias: floats in 8 x 8 blocks transposed in registers, everything else (doubles, edges) element by element.
/// </summary>
internal static unsafe class PixelsToChannels
{
    /// <summary>
    /// output[c * outputPlane + i] [+]= source[i * rowLength + c] + bias[c] (no bias when <paramref name="bias"/> is null)
    /// for pixels i &lt; <paramref name="pixels"/> and channels c &lt; <paramref name="channels"/>.
    /// </summary>
    public static void Move<T>(T* source, int rowLength, int pixels, int channels, T* bias, T* output, long outputPlane, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int blockChannels = 0, blockPixels = 0;
        if (typeof(T) == typeof(float) && Avx.IsSupported)
        {
            blockChannels = channels / 8 * 8;
            blockPixels = pixels / 8 * 8;
            for (int c = 0; c < blockChannels; c += 8)
            for (int i = 0; i < blockPixels; i += 8)
                MoveBlock((float*)source + (long)i * rowLength + c, rowLength, (float*)bias + c, bias != null, (float*)output + c * outputPlane + i,
                    outputPlane, accumulate);
        }
        for (int c = 0; c < channels; c++)
        {
            T b = bias == null ? T.Zero : bias[c];
            T* to = output + c * outputPlane;
            for (int i = c < blockChannels ? blockPixels : 0; i < pixels; i++)
            {
                T value = source[(long)i * rowLength + c] + b;
                to[i] = accumulate ? to[i] + value : value;
            }
        }
    }

    /// <summary>One 8 x 8 block of <see cref="Move{T}"/> in floats.</summary>
    private static void MoveBlock(float* source, int rowLength, float* bias, bool withBias, float* output, long outputPlane, bool accumulate)
    {
        var r0 = Avx.LoadVector256(source);
        var r1 = Avx.LoadVector256(source + rowLength);
        var r2 = Avx.LoadVector256(source + 2 * rowLength);
        var r3 = Avx.LoadVector256(source + 3 * rowLength);
        var r4 = Avx.LoadVector256(source + 4 * rowLength);
        var r5 = Avx.LoadVector256(source + 5 * rowLength);
        var r6 = Avx.LoadVector256(source + 6 * rowLength);
        var r7 = Avx.LoadVector256(source + 7 * rowLength);
        RegisterTranspose.Transpose8x8(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        Store(output, r0, withBias ? bias[0] : 0f, accumulate);
        Store(output + outputPlane, r1, withBias ? bias[1] : 0f, accumulate);
        Store(output + 2 * outputPlane, r2, withBias ? bias[2] : 0f, accumulate);
        Store(output + 3 * outputPlane, r3, withBias ? bias[3] : 0f, accumulate);
        Store(output + 4 * outputPlane, r4, withBias ? bias[4] : 0f, accumulate);
        Store(output + 5 * outputPlane, r5, withBias ? bias[5] : 0f, accumulate);
        Store(output + 6 * outputPlane, r6, withBias ? bias[6] : 0f, accumulate);
        Store(output + 7 * outputPlane, r7, withBias ? bias[7] : 0f, accumulate);
    }

    private static void Store(float* row, Vector256<float> values, float bias, bool accumulate)
    {
        values += Vector256.Create(bias);
        if (accumulate) values += Vector256.Load(row);
        values.Store(row);
    }
}
