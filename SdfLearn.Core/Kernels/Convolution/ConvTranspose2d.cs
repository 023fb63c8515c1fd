using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// 2D transposed convolution over NCHW spans, built from <see cref="Conv2d"/>: its forward pass is a convolution's
/// input gradient (the direct and Winograd ones add the bias as they store), its input gradient is a convolution's forward pass, and its weight gradient is a convolution's
/// weight gradient with the roles of input and output swapped.
/// </summary>
public static class ConvTranspose2d
{
    /// <summary>output [+]= convT(input, weight) + bias. <paramref name="bias"/> may be empty.</summary>
    /// <param name="shape">The transposed convolution's geometry.</param>
    /// <param name="input">[N, InC, H, W].</param>
    /// <param name="weight">[InC, OutC, KH, KW].</param>
    /// <param name="bias">[OutC], or empty.</param>
    /// <param name="output">[N, OutC, OutH, OutW].</param>
    /// <param name="accumulate">Add to <paramref name="output"/> instead of overwriting it.</param>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="shape"/>.</exception>
    public static void Forward<T>(in ConvTranspose2dShape shape, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (input.Length != shape.InputLength) SpanLength.Throw(input.Length, shape.InputShape, "Input", nameof(input));
        if (weight.Length != shape.WeightLength) SpanLength.Throw(weight.Length, shape.WeightShape, "Weight", nameof(weight));
        if (output.Length != shape.OutputLength) SpanLength.Throw(output.Length, shape.OutputShape, "Output", nameof(output));
        if (!bias.IsEmpty && bias.Length != shape.OutChannels) SpanLength.Throw(bias.Length, new Shape(shape.OutChannels), "Bias", nameof(bias));
        if (OneChannelInputGradient.Supports<T>(shape.Equivalent))
        {
            OneChannelInputGradient.BackwardInput(shape.Equivalent, input, weight, bias, output, accumulate);
            return;
        }
        if (WinogradConv2d.SupportsInputGradient<T>(shape.Equivalent))
        {
            WinogradConv2d.BackwardInput(shape.Equivalent, input, weight, bias, output, accumulate);
            return;
        }
        if (DirectConv2d.SupportsInputGradient<T>(shape.Equivalent))
        {
            DirectConv2d.BackwardInput(shape.Equivalent, input, weight, bias, output, accumulate);
            return;
        }
        Conv2d.BackwardInput(shape.Equivalent, input, weight, output, accumulate);
        if (!bias.IsEmpty) ChannelBias.Add(output, bias, shape.OutHeight * shape.OutWidth);
    }

    /// <summary>gradInput [+]= d(loss)/d(input) given d(loss)/d(output).</summary>
    /// <param name="shape">The transposed convolution's geometry.</param>
    /// <param name="gradOutput">[N, OutC, OutH, OutW].</param>
    /// <param name="weight">[InC, OutC, KH, KW].</param>
    /// <param name="gradInput">[N, InC, H, W].</param>
    /// <param name="accumulate">Add to <paramref name="gradInput"/> instead of overwriting it.</param>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="shape"/>.</exception>
    public static void BackwardInput<T>(in ConvTranspose2dShape shape, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, Span<T> gradInput, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (gradOutput.Length != shape.OutputLength) SpanLength.Throw(gradOutput.Length, shape.OutputShape, "Output gradient", nameof(gradOutput));
        if (weight.Length != shape.WeightLength) SpanLength.Throw(weight.Length, shape.WeightShape, "Weight", nameof(weight));
        if (gradInput.Length != shape.InputLength) SpanLength.Throw(gradInput.Length, shape.InputShape, "Input gradient", nameof(gradInput));
        Conv2d.Forward(shape.Equivalent, gradOutput, weight, ReadOnlySpan<T>.Empty, gradInput, accumulate);
    }

    /// <summary>gradWeight [+]= d(loss)/d(weight); gradBias [+]= d(loss)/d(bias) when not empty.</summary>
    /// <param name="shape">The transposed convolution's geometry.</param>
    /// <param name="input">[N, InC, H, W], the forward pass's input.</param>
    /// <param name="gradOutput">[N, OutC, OutH, OutW].</param>
    /// <param name="gradWeight">[InC, OutC, KH, KW].</param>
    /// <param name="gradBias">[OutC], or empty to skip the bias gradient.</param>
    /// <param name="accumulate">Add to the gradients instead of overwriting them.</param>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="shape"/>.</exception>
    public static void BackwardWeight<T>(in ConvTranspose2dShape shape, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight, Span<T> gradBias, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (input.Length != shape.InputLength) SpanLength.Throw(input.Length, shape.InputShape, "Input", nameof(input));
        if (gradOutput.Length != shape.OutputLength) SpanLength.Throw(gradOutput.Length, shape.OutputShape, "Output gradient", nameof(gradOutput));
        if (gradWeight.Length != shape.WeightLength) SpanLength.Throw(gradWeight.Length, shape.WeightShape, "Weight gradient", nameof(gradWeight));
        if (!gradBias.IsEmpty && gradBias.Length != shape.OutChannels) SpanLength.Throw(gradBias.Length, new Shape(shape.OutChannels), "Bias gradient", nameof(gradBias));
        Conv2d.BackwardWeight(shape.Equivalent, gradOutput, input, gradWeight, Span<T>.Empty, accumulate);
        if (!gradBias.IsEmpty) ChannelBias.SumInto(gradOutput, shape.Batch, shape.OutHeight * shape.OutWidth, gradBias, accumulate);
    }
}
