using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Batches several images into one GEMM: their column matrices sit side by side ([K, G * pixels]), so the GEMM
/// sees G times more columns. Images with many output pixels go one at a time (the GEMM shape is good already
/// and the output lands in place); small ones are grouped, which needs their NCHW planes moved to and from
/// channel-major order ([C, G * pixels]).
/// </summary>
internal static class ImageGroups
{
    /// <summary>Bytes of column matrix one group may fill: about the L2 cache, so im2col's output is still cached when the GEMM packs it.</summary>
    internal const int ColumnBudgetBytes = 1 << 20;

    /// <summary>
    /// Images per GEMM for <paramref name="s"/>. Depends only on the shape (never on the thread count), so the
    /// weight gradient's summation order, and hence every result, is the same for any number of threads.
    /// </summary>
    public static int ImagesPerGroup<T>(in Conv2dShape s) where T : unmanaged
    {
        long columnsPerImage = (long)s.InChannels * s.KernelHeight * s.KernelWidth * s.OutHeight * s.OutWidth;
        long fit = ColumnBudgetBytes / Unsafe.SizeOf<T>() / columnsPerImage;
        return (int)Math.Clamp(fit, 1, s.Batch);
    }

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
