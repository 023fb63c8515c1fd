using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Direct convolution: no column matrix. Every pass runs <see cref="DirectConvKernel{T, TVector, TLanes}"/>, six
/// rows by one panel of channels, reading a zero-padded copy of the input (or output gradient) at offsets, so any
/// stride costs no im2col, col2im or GEMM packing. Forward: six output pixels by output channels, summed over taps,
/// one parallel region over (image, band of output rows). Input gradient: per stride phase, six input pixels by input
/// channels over the phase's sub-kernel, one region over images. Weight gradient: six taps by output channels summed
/// over pixels, one region over blocks of images. Every output is written by one chunk and sums in a fixed order, so
/// results do not depend on the thread count.
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
        => Fits<T>(s.OutChannels, s.InChannels * s.KernelHeight * s.KernelWidth);

    /// <summary>
    /// Whether <see cref="BackwardInput{T}"/> runs <paramref name="s"/>: as <see cref="Supports{T}"/>, for the input
    /// channels (the gradient's outputs) and the largest phase's sub-kernel.
    /// </summary>
    public static bool SupportsInputGradient<T>(in Conv2dShape s) where T : unmanaged
        => Fits<T>(s.InChannels, s.OutChannels * ((s.KernelHeight + s.StrideHeight - 1) / s.StrideHeight) * ((s.KernelWidth + s.StrideWidth - 1) / s.StrideWidth));

    /// <summary>
    /// Whether a pass with <paramref name="outputs"/> channels out and <paramref name="taps"/> taps each suits the
    /// direct kernel (also asked by <see cref="WinogradConv2d"/>, whose products run on it).
    /// </summary>
    public static bool Fits<T>(int outputs, int taps) where T : unmanaged
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double)) return false;
        int lanes = Vector512.IsHardwareAccelerated ? Vector512<T>.Count
            : Vector256.IsHardwareAccelerated && Fma.IsSupported ? Vector256<T>.Count : 0;
        if (lanes == 0) return false;
        int panelWidth = 2 * lanes;
        long panelBytes = (long)taps * panelWidth * Unsafe.SizeOf<T>();
        return panelBytes <= MaxPanelBytes && 4 * outputs >= 3 * DirectConvWeights.Panels(outputs, panelWidth) * panelWidth;
    }

    /// <summary>
    /// output [+]= conv(input, weight) + bias, for a shape <see cref="Supports{T}"/> accepts. <paramref name="bias"/>
    /// may be empty.
    /// </summary>
    public static void Forward<T>(in Conv2dShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> weight,
        ReadOnlySpan<T> bias, Span<T> output, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
            Run<T, Vector512<T>, Lanes512<T>>(s, input, weight, bias, output, accumulate);
        else
            Run<T, Vector256<T>, Lanes256<T>>(s, input, weight, bias, output, accumulate);
    }

    private static unsafe void Run<T, TVector, TLanes>(in Conv2dShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> weight,
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
            DirectConvWeights.PackForward(weight, s, panelWidth, packed);
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
    /// gradInput [+]= d(loss)/d(input) + bias (per input channel; a transposed convolution's bias, or empty), for a
    /// shape <see cref="SupportsInputGradient{T}"/> accepts: phase by phase (<see cref="InputGradientPhase"/>), one
    /// parallel chunk per image.
    /// </summary>
    public static void BackwardInput<T>(in Conv2dShape s, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias,
        Span<T> gradInput, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
            RunInputGradient<T, Vector512<T>, Lanes512<T>>(s, gradOutput, weight, bias, gradInput, accumulate);
        else
            RunInputGradient<T, Vector256<T>, Lanes256<T>>(s, gradOutput, weight, bias, gradInput, accumulate);
    }

    private static unsafe void RunInputGradient<T, TVector, TLanes>(in Conv2dShape s, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight,
        ReadOnlySpan<T> bias, Span<T> gradInput, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : unmanaged
        where TLanes : ISimdLanes<T, TVector>
    {
        int panelWidth = DirectConvKernel<T, TVector, TLanes>.Channels, panels = DirectConvWeights.Panels(s.InChannels, panelWidth);
        T[] packed = ArrayPool<T>.Shared.Rent(panels * panelWidth * s.OutChannels * s.KernelHeight * s.KernelWidth);
        try
        {
            int start = 0;
            for (int rowPhase = 0; rowPhase < s.StrideHeight; rowPhase++)
            for (int columnPhase = 0; columnPhase < s.StrideWidth; columnPhase++)
            {
                var phase = new InputGradientPhase(s, rowPhase, columnPhase);
                DirectConvWeights.PackInputGradientPhase(weight, s, phase, panelWidth, packed.AsSpan(start));
                start += DirectConvWeights.Length(s.InChannels, phase.Taps, panelWidth);
            }
            fixed (T* gradOutputPtr = gradOutput)
            fixed (T* packedPtr = packed)
            fixed (T* biasPtr = bias)
            fixed (T* gradInputPtr = gradInput)
            {
                var images = new DirectConvInputGradient<T, TVector, TLanes>(s, gradOutputPtr, packedPtr, bias.IsEmpty ? null : biasPtr,
                    gradInputPtr, accumulate);
                ComputeThreads.For(s.Batch, ref images);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(packed);
        }
    }

    /// <summary>
    /// gradWeight [+]= d(loss)/d(weight) of a convolution <see cref="Supports{T}"/> accepts, and gradBias [+]=
    /// d(loss)/d(bias) unless <paramref name="gradBias"/> is empty. The batch is cut into at most
    /// <see cref="WeightGradientBlocks"/> blocks of consecutive images, a number that depends only on the batch; each
    /// sums its images in order, and the blocks' sums are added in block order.
    /// </summary>
    public static void BackwardWeight<T>(in Conv2dShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight, Span<T> gradBias,
        bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
            RunWeightGradient<T, Vector512<T>, Lanes512<T>>(s, input, gradOutput, gradWeight, gradBias, accumulate);
        else
            RunWeightGradient<T, Vector256<T>, Lanes256<T>>(s, input, gradOutput, gradWeight, gradBias, accumulate);
    }

    private static unsafe void RunWeightGradient<T, TVector, TLanes>(in Conv2dShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput,
        Span<T> gradWeight, Span<T> gradBias, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : unmanaged
        where TLanes : ISimdLanes<T, TVector>
    {
        bool withBias = !gradBias.IsEmpty;
        int blocks = Math.Min(s.Batch, WeightGradientBlocks), partialLength = DirectConvWeightBlocks<T, TVector, TLanes>.PartialLength(s, withBias);
        int rowLength = partialLength / DirectConvWeightBlocks<T, TVector, TLanes>.TapSlots(s, withBias), taps = s.InChannels * s.KernelHeight * s.KernelWidth;
        T[] partials = ArrayPool<T>.Shared.Rent(blocks * partialLength);
        try
        {
            fixed (T* inputPtr = input)
            fixed (T* gradOutputPtr = gradOutput)
            fixed (T* partialsPtr = partials)
            {
                var sums = new DirectConvWeightBlocks<T, TVector, TLanes>(s, withBias, blocks, inputPtr, gradOutputPtr, partialsPtr);
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
            for (int o = 0; o < gradBias.Length; o++)
            {
                T value = total[taps * rowLength + o];
                gradBias[o] = accumulate ? gradBias[o] + value : value;
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(partials);
        }
    }
}
