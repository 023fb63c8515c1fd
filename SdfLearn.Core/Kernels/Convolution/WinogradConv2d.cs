using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Stride-1 3x3 convolutions by Winograd's F(2x2, 3x3) (<see cref="WinogradTransforms{T, TVector, TLanes}"/>): the
/// forward pass, and the input gradient, which is the forward pass of a stride-1 3x3 convolution too (the kernel
/// rotated by 180 degrees, input and output channels swapped, padding 2 - p). 16 products per channel pair and 2x2
/// output tile replace the direct kernel's 36, for the cost of the transforms; one parallel chunk per image
/// (<see cref="WinogradImages{T, TVector, TLanes}"/>). Every output is written by one chunk with sums in a fixed order,
/// so results do not depend on the thread count. They differ from the direct convolution's by rounding only.
/// </summary>
internal static class WinogradConv2d
{
    /// <summary>
    /// Channels on each side below which the direct kernel is kept: the transforms cost in proportion to the channels,
    /// the products save in proportion to their square. Measured only on the reference layers (32 and 64 channels).
    /// </summary>
    private const int MinimumChannels = 16;

    /// <summary>
    /// Whether <see cref="Forward{T}"/> runs <paramref name="s"/>: a 3x3 kernel, stride 1, padding at most 2, at least
    /// <see cref="MinimumChannels"/> channels in and out, on hardware and channel counts the direct kernel takes.
    /// </summary>
    public static bool Supports<T>(in Conv2dShape s) where T : unmanaged
        => s is { KernelHeight: 3, KernelWidth: 3, StrideHeight: 1, StrideWidth: 1, PaddingHeight: <= 2, PaddingWidth: <= 2 }
           && s.InChannels >= MinimumChannels && s.OutChannels >= MinimumChannels && DirectConv2d.Fits<T>(s.OutChannels, s.InChannels);

    /// <summary>Whether <see cref="BackwardInput{T}"/> runs <paramref name="s"/>: <see cref="Supports{T}"/> of its input gradient's convolution.</summary>
    public static bool SupportsInputGradient<T>(in Conv2dShape s) where T : unmanaged
        => s is { KernelHeight: 3, KernelWidth: 3, StrideHeight: 1, StrideWidth: 1, PaddingHeight: <= 2, PaddingWidth: <= 2 }
           && Supports<T>(InputGradientShape(s));

    /// <summary>output [+]= conv(input, weight) + bias, for a shape <see cref="Supports{T}"/> accepts; <paramref name="bias"/> may be empty.</summary>
    public static void Forward<T>(in Conv2dShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Run(s, input, weight, flipped: false, bias, output, accumulate);

    /// <summary>
    /// gradInput [+]= d(loss)/d(input) + bias (per input channel: a transposed convolution's bias, or empty), for a
    /// shape <see cref="SupportsInputGradient{T}"/> accepts.
    /// </summary>
    public static void BackwardInput<T>(in Conv2dShape s, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> gradInput,
        bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Run(InputGradientShape(s), gradOutput, weight, flipped: true, bias, gradInput, accumulate);

    /// <summary>The stride-1 convolution whose forward pass is <paramref name="s"/>'s input gradient.</summary>
    private static Conv2dShape InputGradientShape(in Conv2dShape s)
        => new(s.Batch, s.OutChannels, s.OutHeight, s.OutWidth, s.InChannels, 3, 3, 1, 1, 2 - s.PaddingHeight, 2 - s.PaddingWidth);

    private static void Run<T>(in Conv2dShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, bool flipped, ReadOnlySpan<T> bias,
        Span<T> output, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
            Run<T, Vector512<T>, Lanes512<T>>(s, input, weight, flipped, bias, output, accumulate);
        else
            Run<T, Vector256<T>, Lanes256<T>>(s, input, weight, flipped, bias, output, accumulate);
    }

    private static unsafe void Run<T, TVector, TLanes>(in Conv2dShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, bool flipped,
        ReadOnlySpan<T> bias, Span<T> output, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : unmanaged
        where TLanes : ISimdLanes<T, TVector>
    {
        int panelWidth = DirectConvKernel<T, TVector, TLanes>.Channels;
        int packedLength = WinogradTransforms<T, TVector, TLanes>.Elements * DirectConvWeights.Length(s.OutChannels, s.InChannels, panelWidth);
        T[] packed = ArrayPool<T>.Shared.Rent(packedLength);
        try
        {
            WinogradTransforms<T, TVector, TLanes>.Filters(weight, s.OutChannels, s.InChannels, flipped, panelWidth, packed);
            fixed (T* inputPtr = input)
            fixed (T* packedPtr = packed)
            fixed (T* biasPtr = bias)
            fixed (T* outputPtr = output)
            {
                var images = new WinogradImages<T, TVector, TLanes>(s, inputPtr, packedPtr, bias.IsEmpty ? null : biasPtr, outputPtr, accumulate);
                ComputeThreads.For(s.Batch, ref images);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(packed);
        }
    }
}
