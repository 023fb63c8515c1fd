using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// 2D transposed convolution over NCHW spans, built from <see cref="Conv2d"/>: its forward pass is a convolution's
/// input gradient, its input gradient is a convolution's forward pass, and its weight gradient is a convolution's
/// weight gradient with the roles of input and output swapped.
/// </summary>
public static class ConvTranspose2d
{
    /// <summary>output [+]= convT(input, weight) + bias. <paramref name="bias"/> may be empty.</summary>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="shape"/>.</exception>
    public static void Forward<T>(in ConvTranspose2dShape shape, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!bias.IsEmpty && bias.Length != shape.OutChannels)
            throw new ArgumentException($"Bias has {bias.Length} elements, expected {shape.OutChannels}.", nameof(bias));
        Conv2d.BackwardInput(shape.Equivalent, input, weight, output, accumulate);
        if (bias.IsEmpty) return;
        int plane = shape.OutHeight * shape.OutWidth;
        for (int n = 0; n < shape.Batch; n++)
            for (int c = 0; c < shape.OutChannels; c++)
            {
                var dst = output.Slice((n * shape.OutChannels + c) * plane, plane);
                System.Numerics.Tensors.TensorPrimitives.Add(dst, bias[c], dst);
            }
    }

    /// <summary>gradInput [+]= d(loss)/d(input) given d(loss)/d(output).</summary>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="shape"/>.</exception>
    public static void BackwardInput<T>(in ConvTranspose2dShape shape, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, Span<T> gradInput, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Conv2d.Forward(shape.Equivalent, gradOutput, weight, ReadOnlySpan<T>.Empty, gradInput, accumulate);

    /// <summary>gradWeight [+]= d(loss)/d(weight); gradBias [+]= d(loss)/d(bias) when not empty.</summary>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="shape"/>.</exception>
    public static void BackwardWeight<T>(in ConvTranspose2dShape shape, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight, Span<T> gradBias, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!gradBias.IsEmpty && gradBias.Length != shape.OutChannels)
            throw new ArgumentException($"Bias gradient has {gradBias.Length} elements, expected {shape.OutChannels}.", nameof(gradBias));
        Conv2d.BackwardWeight(shape.Equivalent, gradOutput, input, gradWeight, Span<T>.Empty, accumulate);
        if (gradBias.IsEmpty) return;
        if (!accumulate) gradBias.Clear();
        int plane = shape.OutHeight * shape.OutWidth;
        for (int n = 0; n < shape.Batch; n++)
            for (int c = 0; c < shape.OutChannels; c++)
                gradBias[c] += System.Numerics.Tensors.TensorPrimitives.Sum(gradOutput.Slice((n * shape.OutChannels + c) * plane, plane));
    }
}
