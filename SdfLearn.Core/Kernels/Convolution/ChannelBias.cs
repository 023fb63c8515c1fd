using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Core.Kernels;

/// <summary>Per-channel bias over NCHW spans: adding it to every pixel, and summing a gradient back into it.</summary>
internal static class ChannelBias
{
    /// <summary>images [N, C, pixels] += bias[c] on every pixel of channel c.</summary>
    public static void Add<T>(Span<T> images, ReadOnlySpan<T> bias, int pixels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = bias.Length;
        for (int plane = 0; plane * pixels < images.Length; plane++)
        {
            var dst = images.Slice(plane * pixels, pixels);
            TensorPrimitives.Add(dst, bias[plane % channels], dst);
        }
    }

    /// <summary>
    /// gradBias[c] [+]= the sum of gradOutput [N, C, pixels] over images and pixels of channel c; images are
    /// added in order, so the result does not depend on threading.
    /// </summary>
    public static unsafe void SumInto<T>(ReadOnlySpan<T> gradOutput, int batch, int pixels, Span<T> gradBias, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* gradOutputPtr = gradOutput)
        fixed (T* gradBiasPtr = gradBias)
        {
            var sums = new ChannelSums<T>(gradOutputPtr, batch, gradBias.Length, pixels, gradBiasPtr, accumulate);
            ComputeThreads.For(gradBias.Length, ref sums);
        }
    }

    /// <summary>One channel of <see cref="SumInto"/>.</summary>
    private readonly unsafe struct ChannelSums<T>(T* gradOutput, int batch, int channels, int pixels, T* gradBias, bool accumulate) : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int c)
        {
            T sum = accumulate ? gradBias[c] : T.Zero;
            for (int n = 0; n < batch; n++)
                sum += TensorPrimitives.Sum(new ReadOnlySpan<T>(gradOutput + ((long)n * channels + c) * pixels, pixels));
            gradBias[c] = sum;
        }
    }
}
