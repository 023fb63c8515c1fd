using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Moves a group of G images (see <see cref="ColumnLayout"/>) between NCHW order ([G, C, pixels]) and the
/// channel-major order ([C, G * pixels]) in which one GEMM reads or writes them all.
/// </summary>
internal static class ImageGroups
{
    /// <summary>channelMajor [C, G * pixels] = images [G, C, pixels].</summary>
    public static unsafe void ToChannelMajor<T>(ReadOnlySpan<T> images, int groupSize, int channels, int pixels, Span<T> channelMajor)
        where T : unmanaged
    {
        fixed (T* imagesPtr = images)
        fixed (T* channelMajorPtr = channelMajor)
        {
            T* src = imagesPtr, dst = channelMajorPtr;
            ComputeThreads.For(groupSize, g =>
            {
                for (int c = 0; c < channels; c++)
                    new ReadOnlySpan<T>(src + ((long)g * channels + c) * pixels, pixels)
                        .CopyTo(new Span<T>(dst + ((long)c * groupSize + g) * pixels, pixels));
            });
        }
    }

    /// <summary>images [G, C, pixels] [+]= channelMajor [C, G * pixels] (+ bias[c] when the bias is not empty).</summary>
    public static unsafe void ToImages<T>(ReadOnlySpan<T> channelMajor, int groupSize, int channels, int pixels, ReadOnlySpan<T> bias,
        Span<T> images, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int biasLength = bias.Length;
        fixed (T* channelMajorPtr = channelMajor)
        fixed (T* biasPtr = bias)
        fixed (T* imagesPtr = images)
        {
            T* src = channelMajorPtr, b = biasPtr, dst = imagesPtr;
            ComputeThreads.For(groupSize, g =>
            {
                for (int c = 0; c < channels; c++)
                {
                    var from = new ReadOnlySpan<T>(src + ((long)c * groupSize + g) * pixels, pixels);
                    var to = new Span<T>(dst + ((long)g * channels + c) * pixels, pixels);
                    if (accumulate)
                    {
                        TensorPrimitives.Add(to, from, to);
                        if (biasLength != 0) TensorPrimitives.Add(to, b[c], to);
                    }
                    else if (biasLength != 0) TensorPrimitives.Add(from, b[c], to);
                    else from.CopyTo(to);
                }
            });
        }
    }
}
