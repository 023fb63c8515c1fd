using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The forward pass of a convolution with few taps per output channel (InC * KH * KW, e.g. enc1's one input channel,
/// 9 taps, and the equivalent convolution of dec5's input gradient): the direct kernel's 6-pixel tile rows would
/// each sum only 9 products before a pixel-major store and a transpose to NCHW. Here <see cref="PixelVectorTile"/>
/// vectorises over output pixels instead, 4 output channels by 4 vectors of pixels, reading each tap's run of
/// pixels from the image's <see cref="StridePhasePlanes"/> and storing straight to NCHW with the bias added. One
/// parallel chunk per (image, block of channel groups); every output is written by one chunk.
/// </summary>
internal static class FewTapsForward
{
    /// <summary>Chunks a pass is cut into at least, when the output has enough channel groups: several per thread.</summary>
    private const int MinimumChunks = 8;

    /// <summary>
    /// Whether <see cref="Forward{T}"/> runs <paramref name="s"/>: the shapes of <see cref="FewTapsWeightGradient"/>
    /// (float or double with AVX-512, at most 16 taps, output rows of at least one vector).
    /// </summary>
    public static bool Supports<T>(in Conv2dShape s) where T : unmanaged => FewTapsWeightGradient.Supports<T>(s);

    /// <summary>output [+]= conv(input, weight) + bias, for a shape <see cref="Supports{T}"/> accepts; <paramref name="bias"/> may be empty.</summary>
    public static unsafe void Forward<T>(in Conv2dShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output,
        bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int taps = s.InChannels * s.KernelHeight * s.KernelWidth, columns = PixelVectorTile.Columns;
        int groups = (s.OutChannels + columns - 1) / columns;
        T[] packed = ArrayPool<T>.Shared.Rent(groups * taps * columns);
        try
        {
            // Group g's weights as [taps, 4 channels]; channels past the last are zero (computed, never stored).
            for (int g = 0; g < groups; g++)
            for (int t = 0; t < taps; t++)
            for (int c = 0; c < columns; c++)
            {
                int channel = g * columns + c;
                packed[(g * taps + t) * columns + c] = channel < s.OutChannels ? weight[channel * taps + t] : T.Zero;
            }
            int blocks = Math.Clamp((MinimumChunks + s.Batch - 1) / s.Batch, 1, groups);
            fixed (T* inputPtr = input)
            fixed (T* packedPtr = packed)
            fixed (T* biasPtr = bias)
            fixed (T* outputPtr = output)
            {
                var chunks = new Chunks<T>(s, blocks, inputPtr, packedPtr, bias.IsEmpty ? null : biasPtr, outputPtr, accumulate);
                ComputeThreads.For(s.Batch * blocks, ref chunks);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(packed);
        }
    }

    /// <summary>One parallel chunk: one image's phase planes, then its block of channel groups tile by tile.</summary>
    private readonly unsafe struct Chunks<T>(Conv2dShape s, int blocks, T* input, T* packed, T* bias, T* output, bool accumulate) : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int chunk)
        {
            int image = chunk / blocks, block = chunk % blocks, columns = PixelVectorTile.Columns;
            int taps = s.InChannels * s.KernelHeight * s.KernelWidth, groups = (s.OutChannels + columns - 1) / columns;
            int inputImage = s.InChannels * s.InHeight * s.InWidth, pixels = s.OutHeight * s.OutWidth;
            var planes = new StridePhasePlanes(s);
            T[] planeBuffer = ArrayPool<T>.Shared.Rent(planes.Length);
            int[] tapOffsets = ArrayPool<int>.Shared.Rent(taps);
            try
            {
                for (int c = 0, t = 0; c < s.InChannels; c++)
                for (int ky = 0; ky < s.KernelHeight; ky++)
                for (int kx = 0; kx < s.KernelWidth; kx++)
                    tapOffsets[t++] = planes.TapOffset(c, ky, kx);
                planes.Fill(new ReadOnlySpan<T>(input + (long)image * inputImage, inputImage), planeBuffer);
                var steps = new PixelSteps<T>(s.OutHeight, s.OutWidth);
                fixed (T* planesPtr = planeBuffer)
                fixed (int* offsetsPtr = tapOffsets)
                {
                    for (int g = groups * block / blocks; g < groups * (block + 1) / blocks; g++)
                    {
                        int first = g * columns;
                        var store = new ChannelStore<T>(steps, output + ((long)image * s.OutChannels + first) * pixels, pixels, s.OutWidth,
                            Math.Min(columns, s.OutChannels - first), bias == null ? null : bias + first, accumulate);
                        PixelVectorTile.RunSteps(planesPtr, offsetsPtr, taps, packed + (long)g * taps * columns, steps, planes.Width, ref store);
                    }
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(planeBuffer);
                ArrayPool<int>.Shared.Return(tapOffsets);
            }
        }
    }

    /// <summary>Stores a tile's 4 channels to their NCHW planes, adding each channel's bias.</summary>
    private readonly unsafe struct ChannelStore<T>(PixelSteps<T> steps, T* output, int pixels, int outWidth, int channels, T* bias, bool accumulate)
        : IPixelStepStore<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Store(int step, T* vectors)
        {
            if (steps.IsPadding(step)) return;
            T* at = output + steps.Row(step) * outWidth + steps.Column(step);
            bool full = steps.IsFull(step);
            for (int c = 0; c < channels; c++) Put(at + c * pixels, c, Vector512.Load(vectors + c * Vector512<T>.Count), full);
        }

        private void Put(T* at, int channel, Vector512<T> value, bool full)
        {
            if (bias != null) value += Vector512.Create(bias[channel]);
            PixelSteps<T>.Store(at, value, full, steps.TailLanes, accumulate);
        }
    }
}
