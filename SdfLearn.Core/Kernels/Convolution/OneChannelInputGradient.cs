using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The input gradient of a convolution with one input channel (enc1's; and so dec5's forward pass, a transposed
/// convolution with one output channel), strides 1 or 2. Its single output channel leaves the direct kernel's
/// channel panels 1/32 full, so it ran as im2col's GEMM plus col2im. Here <see cref="PixelVectorTile"/> vectorises
/// over pixels instead: the tile's 4 weight columns are the output's stride phases (<see cref="OutputPhaseTaps"/>),
/// each summing the image's zero-padded gradient over its channels and taps; row phases are stored to their rows and
/// column phases interleaved into contiguous pixels, with the bias added. One parallel chunk per image.
/// </summary>
internal static class OneChannelInputGradient
{
    /// <summary>
    /// Whether <see cref="BackwardInput{T}"/> runs <paramref name="s"/>: float or double with AVX-512, one input
    /// channel, strides 1 or 2, input rows a whole number of strides wide and of at least one vector of columns b.
    /// </summary>
    public static bool Supports<T>(in Conv2dShape s) where T : unmanaged
        => (typeof(T) == typeof(float) || typeof(T) == typeof(double)) && Vector512.IsHardwareAccelerated && s.InChannels == 1
           && s.StrideHeight is 1 or 2 && s.StrideWidth is 1 or 2 && s.InWidth % s.StrideWidth == 0
           && s.InWidth / s.StrideWidth >= Vector512<T>.Count;

    /// <summary>
    /// gradInput [+]= d(loss)/d(input) + bias (a transposed convolution's, one value, or empty), for a shape
    /// <see cref="Supports{T}"/> accepts.
    /// </summary>
    public static unsafe void BackwardInput<T>(in Conv2dShape s, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias,
        Span<T> gradInput, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var phases = new OutputPhaseTaps(s);
        int[] offsets = ArrayPool<int>.Shared.Rent(phases.MaxTaps);
        T[] weights = ArrayPool<T>.Shared.Rent(phases.MaxTaps * PixelVectorTile.Columns);
        try
        {
            int taps = phases.Fill(weight, offsets, weights);
            fixed (T* gradOutputPtr = gradOutput)
            fixed (int* offsetsPtr = offsets)
            fixed (T* weightsPtr = weights)
            fixed (T* gradInputPtr = gradInput)
            {
                var images = new Images<T>(s, phases, gradOutputPtr, offsetsPtr, taps, weightsPtr, bias.IsEmpty ? T.Zero : bias[0], gradInputPtr,
                    accumulate);
                ComputeThreads.For(s.Batch, ref images);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(offsets);
            ArrayPool<T>.Shared.Return(weights);
        }
    }

    /// <summary>One parallel chunk: one image's gradient padded, then its pixel blocks tile by tile.</summary>
    private readonly unsafe struct Images<T>(Conv2dShape s, OutputPhaseTaps phases, T* gradOutput, int* offsets, int taps, T* weights, T bias,
        T* gradInput, bool accumulate) : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int image)
        {
            int outputImage = s.OutChannels * s.OutHeight * s.OutWidth;
            T[] padded = ArrayPool<T>.Shared.Rent(phases.PaddedLength);
            try
            {
                DirectConvLayout.PadRows(new ReadOnlySpan<T>(gradOutput + (long)image * outputImage, outputImage), s.OutChannels, s.OutHeight,
                    s.OutWidth, phases.DyMin, phases.PaddedRows, phases.Left, phases.PaddedWidth, padded);
                var steps = new PixelSteps<T>(phases.Rows, phases.Columns);
                var store = new PhaseStore<T>(s, steps, gradInput + (long)image * s.InHeight * s.InWidth, bias, accumulate);
                fixed (T* paddedPtr = padded)
                    PixelVectorTile.RunSteps(paddedPtr, offsets, taps, weights, steps, phases.PaddedWidth, ref store);
            }
            finally
            {
                ArrayPool<T>.Shared.Return(padded);
            }
        }
    }

    /// <summary>
    /// Stores a tile's phases (qy * sx + qx) for the block of pixels (a, b..): row phase qy to row sy * a + qy (if
    /// inside the image), the column phases of stride 2 interleaved (x = 2b + qx), the bias added.
    /// </summary>
    private readonly unsafe struct PhaseStore<T> : IPixelStepStore<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Conv2dShape _s;
        private readonly PixelSteps<T> _steps;
        private readonly T* _image;
        private readonly Vector512<T> _bias, _tailLow, _tailHigh;
        private readonly bool _accumulate;

        public PhaseStore(in Conv2dShape s, PixelSteps<T> steps, T* image, T bias, bool accumulate)
        {
            _s = s;
            _steps = steps;
            _image = image;
            _bias = Vector512.Create(bias);
            _accumulate = accumulate;
            // A tail's lanes b map to pixels 2b and 2b + 1, so its interleaved halves keep the same lanes' pairs.
            (_tailLow, _tailHigh) = s.StrideWidth == 2 ? Interleave(steps.TailLanes, steps.TailLanes) : (steps.TailLanes, steps.TailLanes);
        }

        public void Store(int step, T* vectors)
        {
            if (_steps.IsPadding(step)) return;
            int width = Vector512<T>.Count;
            Vector512<T> c0 = Vector512.Load(vectors), c1 = Vector512.Load(vectors + width);
            Vector512<T> c2 = Vector512.Load(vectors + 2 * width), c3 = Vector512.Load(vectors + 3 * width);
            int y = _s.StrideHeight * _steps.Row(step), b = _steps.Column(step);
            bool full = _steps.IsFull(step), secondRow = _s.StrideHeight == 2 && y + 1 < _s.InHeight;
            T* row = _image + (long)y * _s.InWidth;
            if (_s.StrideWidth == 2)
            {
                PutPair(row + 2 * b, c0, c1, full);
                if (secondRow) PutPair(row + _s.InWidth + 2 * b, c2, c3, full);
                return;
            }
            PixelSteps<T>.Store(row + b, c0 + _bias, full, _tailLow, _accumulate);
            if (secondRow) PixelSteps<T>.Store(row + _s.InWidth + b, c1 + _bias, full, _tailLow, _accumulate);
        }

        private void PutPair(T* at, Vector512<T> even, Vector512<T> odd, bool full)
        {
            (Vector512<T> low, Vector512<T> high) = Interleave(even, odd);
            PixelSteps<T>.Store(at, low + _bias, full, _tailLow, _accumulate);
            PixelSteps<T>.Store(at + Vector512<T>.Count, high + _bias, full, _tailHigh, _accumulate);
        }
    }

    /// <summary>(even[0], odd[0], even[1], odd[1], ...) as two vectors, the first half's lanes then the second's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<T> Low, Vector512<T> High) Interleave<T>(Vector512<T> even, Vector512<T> odd) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            Vector512<float> e = even.AsSingle(), o = odd.AsSingle();
            return (Avx512F.PermuteVar16x32x2(e, Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), o).As<float, T>(),
                Avx512F.PermuteVar16x32x2(e, Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31), o).As<float, T>());
        }
        Vector512<double> de = even.AsDouble(), dd = odd.AsDouble();
        return (Avx512F.PermuteVar8x64x2(de, Vector512.Create(0L, 8, 1, 9, 2, 10, 3, 11), dd).As<double, T>(),
            Avx512F.PermuteVar8x64x2(de, Vector512.Create(4L, 12, 5, 13, 6, 14, 7, 15), dd).As<double, T>());
    }
}
