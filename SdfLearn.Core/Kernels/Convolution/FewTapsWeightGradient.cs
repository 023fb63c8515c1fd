using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The weight gradient of a convolution with few taps per output channel (InC * KH * KW, e.g. enc1's one input
/// channel, 9 taps, and the equivalent convolution of dec5's weight gradient): gradWeight [OutC, taps] is tiny and its
/// reduction, over N * OutH * OutW pixels, huge. <see cref="FewTapsWeightTile"/> vectorises over the pixels
/// instead: it reads the output gradient in place (the direct kernel first moved it to pixel-major panels, and the
/// GEMM or dot products re-read it per tap) and the input from <see cref="StridePhasePlanes"/>, and keeps a vector of
/// partial sums per (tap, channel) whose lanes are added only at the end. The bias gradient is one more tap reading
/// a plane of ones. The batch is cut into at most 8 blocks of consecutive images (a count that depends only on the
/// batch), each summed image by image into its own partial, and the partials are added in block order, so the result
/// does not depend on the thread count.
/// </summary>
internal static class FewTapsWeightGradient
{
    /// <summary>Taps per output channel above which the direct kernel (taps as tile rows) is used instead.</summary>
    private const int MaxTaps = 16;

    /// <summary>Blocks of consecutive images whose gradients are summed separately, at most.</summary>
    private const int Blocks = 8;

    /// <summary>
    /// Whether <see cref="BackwardWeight{T}"/> runs <paramref name="s"/>: float or double with AVX-512, at most
    /// <see cref="MaxTaps"/> taps, and output rows of at least one vector (shorter rows would be all tail).
    /// </summary>
    public static bool Supports<T>(in Conv2dShape s) where T : unmanaged
        => (typeof(T) == typeof(float) || typeof(T) == typeof(double)) && Vector512.IsHardwareAccelerated
           && s.InChannels * s.KernelHeight * s.KernelWidth <= MaxTaps && s.OutWidth >= Vector512<T>.Count;

    /// <summary>
    /// gradWeight [+]= d(loss)/d(weight), and gradBias [+]= d(loss)/d(bias) unless <paramref name="gradBias"/> is
    /// empty, for a shape <see cref="Supports{T}"/> accepts.
    /// </summary>
    public static unsafe void BackwardWeight<T>(in Conv2dShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight,
        Span<T> gradBias, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layout = new Layout(s, !gradBias.IsEmpty, Vector512<T>.Count);
        int blocks = Math.Min(s.Batch, Blocks);
        T[] partials = ArrayPool<T>.Shared.Rent(blocks * layout.PartialLength);
        try
        {
            fixed (T* inputPtr = input)
            fixed (T* gradOutputPtr = gradOutput)
            fixed (T* partialsPtr = partials)
            {
                var sums = new ImageBlocks<T>(s, layout, blocks, inputPtr, gradOutputPtr, partialsPtr);
                ComputeThreads.For(blocks, ref sums);
            }
            var total = partials.AsSpan(0, layout.PartialLength);
            for (int block = 1; block < blocks; block++) TensorPrimitives.Add(total, partials.AsSpan(block * layout.PartialLength, layout.PartialLength), total);
            int taps = layout.Taps;
            for (int o = 0; o < s.OutChannels; o++)
            for (int t = 0; t < layout.Rows; t++)
            {
                // Lanes in order, so the sum is the same on every run.
                T value = T.Zero;
                foreach (T lane in total.Slice((t * layout.PaddedChannels + o) * layout.Width, layout.Width)) value += lane;
                ref T destination = ref t < taps ? ref gradWeight[o * taps + t] : ref gradBias[o];
                destination = accumulate ? destination + value : value;
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(partials);
        }
    }

    /// <summary>
    /// Sizes of a pass: rows are the taps then the bias, padded to whole tiles (a padded row repeats the last one);
    /// channels are padded to whole tiles (a padded channel repeats the last one). A block's partial is
    /// [row slots, padded channels, vector width]; padded rows and channels are computed and never read.
    /// </summary>
    private readonly struct Layout
    {
        public Layout(in Conv2dShape s, bool withBias, int width)
        {
            Taps = s.InChannels * s.KernelHeight * s.KernelWidth;
            Rows = Taps + (withBias ? 1 : 0);
            RowSlots = (Rows + FewTapsWeightTile.Rows - 1) / FewTapsWeightTile.Rows * FewTapsWeightTile.Rows;
            PaddedChannels = (s.OutChannels + FewTapsWeightTile.Channels - 1) / FewTapsWeightTile.Channels * FewTapsWeightTile.Channels;
            Width = width;
        }

        public int Taps { get; }
        public int Rows { get; }
        public int RowSlots { get; }
        public int PaddedChannels { get; }
        public int Width { get; }
        public int PartialLength => RowSlots * PaddedChannels * Width;
    }

    /// <summary>One parallel chunk: a block of consecutive images, summed in order into the block's partial.</summary>
    private readonly unsafe struct ImageBlocks<T>(Conv2dShape s, Layout layout, int blocks, T* input, T* gradOutput, T* partials) : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int block)
        {
            int firstImage = s.Batch * block / blocks, endImage = s.Batch * (block + 1) / blocks;
            int width = layout.Width, pixels = s.OutHeight * s.OutWidth, inputImage = s.InChannels * s.InHeight * s.InWidth;
            var planes = new StridePhasePlanes(s);
            T[] planeBuffer = ArrayPool<T>.Shared.Rent(planes.Length);
            int[] offsets = ArrayPool<int>.Shared.Rent(layout.RowSlots + layout.PaddedChannels);
            try
            {
                var rowOffsets = offsets.AsSpan(0, layout.RowSlots);
                for (int c = 0, t = 0; c < s.InChannels; c++)
                for (int ky = 0; ky < s.KernelHeight; ky++)
                for (int kx = 0; kx < s.KernelWidth; kx++)
                    rowOffsets[t++] = planes.TapOffset(c, ky, kx);
                if (layout.Rows > layout.Taps) rowOffsets[layout.Taps] = planes.OnesOffset;
                rowOffsets[layout.Rows..].Fill(rowOffsets[layout.Rows - 1]);
                var channelOffsets = offsets.AsSpan(layout.RowSlots, layout.PaddedChannels);
                for (int o = 0; o < channelOffsets.Length; o++) channelOffsets[o] = Math.Min(o, s.OutChannels - 1) * pixels;
                planes.FillOnes<T>(planeBuffer);
                T* partial = partials + (long)block * layout.PartialLength;
                new Span<T>(partial, layout.PartialLength).Clear();
                int rowStride = layout.PaddedChannels * width;
                fixed (T* planesPtr = planeBuffer)
                fixed (int* offsetsPtr = offsets)
                {
                    for (int image = firstImage; image < endImage; image++)
                    {
                        planes.Fill(new ReadOnlySpan<T>(input + (long)image * inputImage, inputImage), planeBuffer);
                        T* imageGradient = gradOutput + (long)image * s.OutChannels * pixels;
                        for (int o = 0; o < layout.PaddedChannels; o += FewTapsWeightTile.Channels)
                        for (int r = 0; r < layout.RowSlots; r += FewTapsWeightTile.Rows)
                            FewTapsWeightTile.Run(planesPtr, offsetsPtr + r, planes.Width, imageGradient, offsetsPtr + layout.RowSlots + o,
                                s.OutHeight, s.OutWidth, partial + r * rowStride + o * width, rowStride);
                    }
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(planeBuffer);
                ArrayPool<int>.Shared.Return(offsets);
            }
        }
    }
}
