using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Direct convolution: no column matrix. The output is computed in tiles of six pixels by one panel of output
/// channels (<see cref="DirectConvKernel{T, TVector, TLanes}"/>), reading the input straight from a zero-padded
/// copy of the rows each band of output rows needs, so any stride and channel count costs no im2col and no GEMM
/// packing. One parallel region over (image, band of output rows); every output is written by one chunk and sums
/// its taps in a fixed order, so results do not depend on the thread count.
/// </summary>
internal static class DirectConv2d
{
    /// <summary>Bytes of one packed weight panel above which im2col + GEMM (which slices the taps) is used instead.</summary>
    private const int MaxPanelBytes = 256 * 1024;

    /// <summary>Chunks a pass is cut into at least, when the output has enough rows: several per thread.</summary>
    private const int MinimumChunks = 8;

    /// <summary>Blocks of consecutive images whose weight gradients are summed separately, at most (the count depends only on the batch).</summary>
    private const int WeightGradientBlocks = 8;

    /// <summary>
    /// Whether <see cref="Forward{T}"/> and <see cref="BackwardWeight{T}"/> run <paramref name="s"/>: float or double with AVX-512 or AVX2 + FMA, weight
    /// panels that fit <see cref="MaxPanelBytes"/>, and output channels that fill at least 3/4 of their panels.
    /// </summary>
    public static bool Supports<T>(in Conv2dShape s) where T : unmanaged
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double)) return false;
        int lanes = Vector512.IsHardwareAccelerated ? Vector512<T>.Count
            : Vector256.IsHardwareAccelerated && Fma.IsSupported ? Vector256<T>.Count : 0;
        if (lanes == 0) return false;
        int panelWidth = 2 * lanes;
        long panelBytes = (long)s.InChannels * s.KernelHeight * s.KernelWidth * panelWidth * Unsafe.SizeOf<T>();
        return panelBytes <= MaxPanelBytes && 4 * s.OutChannels >= 3 * DirectConvWeights.Panels(s.OutChannels, panelWidth) * panelWidth;
    }

    /// <summary>
    /// The stride-1 convolution of the output gradient with <paramref name="s"/>'s weights rotated by 180 degrees, whose
    /// output is <paramref name="s"/>'s input gradient; null when <paramref name="s"/> has a stride above 1 or a padding
    /// as large as its kernel.
    /// </summary>
    public static Conv2dShape? InputGradientShape(in Conv2dShape s)
    {
        if (s.StrideHeight != 1 || s.StrideWidth != 1 || s.PaddingHeight >= s.KernelHeight || s.PaddingWidth >= s.KernelWidth) return null;
        return new Conv2dShape(s.Batch, s.OutChannels, s.OutHeight, s.OutWidth, s.InChannels, s.KernelHeight, s.KernelWidth,
            paddingHeight: s.KernelHeight - 1 - s.PaddingHeight, paddingWidth: s.KernelWidth - 1 - s.PaddingWidth);
    }

    /// <summary>
    /// output [+]= conv(input, weight) + bias, for a shape <see cref="Supports{T}"/> accepts. With
    /// <paramref name="flippedWeight"/>, <paramref name="weight"/> is [InC, OutC, KH, KW] read rotated by 180 degrees
    /// (a stride-1 input gradient); otherwise [OutC, InC, KH, KW]. <paramref name="bias"/> may be empty.
    /// </summary>
    public static void Forward<T>(in Conv2dShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, bool flippedWeight,
        ReadOnlySpan<T> bias, Span<T> output, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
            Run<T, Vector512<T>, Lanes512<T>>(s, input, weight, flippedWeight, bias, output, accumulate);
        else
            Run<T, Vector256<T>, Lanes256<T>>(s, input, weight, flippedWeight, bias, output, accumulate);
    }

    private static unsafe void Run<T, TVector, TLanes>(in Conv2dShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, bool flippedWeight,
        ReadOnlySpan<T> bias, Span<T> output, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : unmanaged
        where TLanes : ISimdLanes<T, TVector>
    {
        int panelWidth = DirectConvKernel<T, TVector, TLanes>.Channels, taps = s.InChannels * s.KernelHeight * s.KernelWidth;
        int packedLength = DirectConvWeights.Length(s.OutChannels, taps, panelWidth);
        T[] packed = ArrayPool<T>.Shared.Rent(packedLength);
        try
        {
            DirectConvWeights.Pack(weight, s.OutChannels, s.InChannels, s.KernelHeight, s.KernelWidth, flippedWeight, panelWidth, packed);
            int bands = Math.Clamp((MinimumChunks + s.Batch - 1) / s.Batch, 1, s.OutHeight);
            fixed (T* inputPtr = input)
            fixed (T* packedPtr = packed)
            fixed (T* biasPtr = bias)
            fixed (T* outputPtr = output)
            {
                var chunks = new DirectConvBands<T, TVector, TLanes>(s, bands, inputPtr, packedPtr, bias.IsEmpty ? null : biasPtr, outputPtr, accumulate);
                ComputeThreads.For(s.Batch * bands, ref chunks);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(packed);
        }
    }

    /// <summary>
    /// gradWeight [+]= d(loss)/d(weight) of a convolution <see cref="Supports{T}"/> accepts (not the bias gradient).
    /// The batch is cut into at most <see cref="WeightGradientBlocks"/> blocks of consecutive images, a number that
    /// depends only on the batch; each sums its images in order, and the blocks' sums are added in block order.
    /// </summary>
    public static void BackwardWeight<T>(in Conv2dShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
            RunWeightGradient<T, Vector512<T>, Lanes512<T>>(s, input, gradOutput, gradWeight, accumulate);
        else
            RunWeightGradient<T, Vector256<T>, Lanes256<T>>(s, input, gradOutput, gradWeight, accumulate);
    }

    private static unsafe void RunWeightGradient<T, TVector, TLanes>(in Conv2dShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput,
        Span<T> gradWeight, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : unmanaged
        where TLanes : ISimdLanes<T, TVector>
    {
        int blocks = Math.Min(s.Batch, WeightGradientBlocks), partialLength = DirectConvWeightBlocks<T, TVector, TLanes>.PartialLength(s);
        int rowLength = partialLength / DirectConvWeightBlocks<T, TVector, TLanes>.TapSlots(s), taps = s.InChannels * s.KernelHeight * s.KernelWidth;
        T[] partials = ArrayPool<T>.Shared.Rent(blocks * partialLength);
        try
        {
            fixed (T* inputPtr = input)
            fixed (T* gradOutputPtr = gradOutput)
            fixed (T* partialsPtr = partials)
            {
                var sums = new DirectConvWeightBlocks<T, TVector, TLanes>(s, blocks, inputPtr, gradOutputPtr, partialsPtr);
                ComputeThreads.For(blocks, ref sums);
            }
            var total = partials.AsSpan(0, partialLength);
            for (int block = 1; block < blocks; block++) TensorPrimitives.Add(total, partials.AsSpan(block * partialLength, partialLength), total);
            for (int o = 0; o < s.OutChannels; o++)
            for (int t = 0; t < taps; t++)
            {
                T value = total[t * rowLength + o];
                gradWeight[o * taps + t] = accumulate ? gradWeight[o * taps + t] + value : value;
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(partials);
        }
    }
}
