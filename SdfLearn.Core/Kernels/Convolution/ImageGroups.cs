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
            var move = new ToChannelMajorMove<T>(imagesPtr, groupSize, channels, pixels, channelMajorPtr);
            ComputeThreads.For(groupSize, ref move);
        }
    }

    /// <summary>One image of <see cref="ToChannelMajor"/>.</summary>
    private readonly unsafe struct ToChannelMajorMove<T>(T* images, int groupSize, int channels, int pixels, T* channelMajor) : IChunkBody
        where T : unmanaged
    {
        public void Run(int g)
        {
            for (int c = 0; c < channels; c++)
                new ReadOnlySpan<T>(images + ((long)g * channels + c) * pixels, pixels)
                    .CopyTo(new Span<T>(channelMajor + ((long)c * groupSize + g) * pixels, pixels));
        }
    }

    /// <summary>images [G, C, pixels] [+]= channelMajor [C, G * pixels] (+ bias[c] when the bias is not empty).</summary>
    public static unsafe void ToImages<T>(ReadOnlySpan<T> channelMajor, int groupSize, int channels, int pixels, ReadOnlySpan<T> bias,
        Span<T> images, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* channelMajorPtr = channelMajor)
        fixed (T* biasPtr = bias)
        fixed (T* imagesPtr = images)
        {
            var move = new ToImagesMove<T>(channelMajorPtr, groupSize, channels, pixels, bias.IsEmpty ? null : biasPtr, imagesPtr, accumulate);
            ComputeThreads.For(groupSize, ref move);
        }
    }

    /// <summary>One image of <see cref="ToImages"/>.</summary>
    private readonly unsafe struct ToImagesMove<T>(T* channelMajor, int groupSize, int channels, int pixels, T* bias, T* images, bool accumulate)
        : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int g)
        {
            for (int c = 0; c < channels; c++)
            {
                var from = new ReadOnlySpan<T>(channelMajor + ((long)c * groupSize + g) * pixels, pixels);
                var to = new Span<T>(images + ((long)g * channels + c) * pixels, pixels);
                if (accumulate)
                {
                    TensorPrimitives.Add(to, from, to);
                    if (bias != null) TensorPrimitives.Add(to, bias[c], to);
                }
                else if (bias != null) TensorPrimitives.Add(from, bias[c], to);
                else from.CopyTo(to);
            }
        }
    }
}
