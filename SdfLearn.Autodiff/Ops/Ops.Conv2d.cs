using System.Numerics;
using System.Numerics.Tensors;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;
using Conv2dKernel = SdfLearn.Core.Kernels.Conv2d;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// 2D convolution (cross-correlation, as PyTorch's <c>nn.Conv2d</c>): x [N, C, H, W], weight [OutC, C, K, K],
    /// bias [OutC] or null, the same stride and zero padding on both axes. Backward: the convolution's input gradient,
    /// weight gradient and per-channel bias sums, each only when required (a first layer skips its input gradient).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes do not fit; the message names them.</exception>
    public static Variable<T> Conv2d<T>(Variable<T> x, Variable<T> weight, Variable<T>? bias = null, int stride = 1, int padding = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(Conv2d), x, weight, bias);
        if (x.Shape.Rank != 4 || weight.Shape.Rank != 4 || x.Shape[1] != weight.Shape[1])
            throw new ShapeMismatchException($"Conv2d: input {x.Shape} does not fit weight {weight.Shape} (expected [N, C, H, W] and [OutC, C, KH, KW]).");
        CheckChannelBias(nameof(Conv2d), bias, weight.Shape[0], weight.Shape);
        var shape = new Conv2dShape(x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3], weight.Shape[0], weight.Shape[2], weight.Shape[3],
            stride, stride, padding, padding);

        return Convolution(tape, shape.OutputShape, x, weight, bias,
            y => Conv2dKernel.Forward<T>(shape, x.Value.Span, weight.Value.Span, bias is null ? default : bias.Value.Span, y),
            (g, gx, accumulate) => Conv2dKernel.BackwardInput<T>(shape, g, weight.Value.Span, gx, accumulate),
            (g, gw, gb) => Conv2dKernel.BackwardWeight<T>(shape, x.Value.Span, g, gw, gb, accumulate: true));
    }

    /// <summary>Throws unless a convolution bias is null or [channels].</summary>
    private static void CheckChannelBias<T>(string op, Variable<T>? bias, int channels, Shape weight) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (bias is not null && (bias.Shape.Rank != 1 || bias.Shape[0] != channels))
            throw new ShapeMismatchException($"{op}: bias {bias.Shape} does not fit weight {weight} (expected [{channels}]).");
    }

    /// <summary>Writes the convolution's output into <c>y</c>.</summary>
    private delegate void ConvolutionForward<T>(Span<T> y);

    /// <summary>Writes (or adds) <c>gradY * d(conv)/d(input)</c> into <c>gradX</c>.</summary>
    private delegate void ConvolutionInputGradient<T>(ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate);

    /// <summary>Adds the weight gradient into <c>gradWeight</c> and, unless empty, the bias gradient into <c>gradBias</c>.</summary>
    private delegate void ConvolutionWeightGradient<T>(ReadOnlySpan<T> gradY, Span<T> gradWeight, Span<T> gradBias);

    /// <summary>
    /// What both convolutions share around their kernels: the output [<paramref name="output"/>] from
    /// <paramref name="forward"/> and, when anything needs gradients, the backward: input, weight and bias gradients, each
    /// only when required; the bias alone (frozen weight) is summed per output channel.
    /// </summary>
    private static Variable<T> Convolution<T>(Tape<T> tape, Shape output, Variable<T> x, Variable<T> weight, Variable<T>? bias,
        ConvolutionForward<T> forward, ConvolutionInputGradient<T> inputGradient, ConvolutionWeightGradient<T> weightGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = tape.Result(tape.Rent(output), x.RequiresGrad || weight.RequiresGrad || (bias?.RequiresGrad ?? false));
        forward(y.Value.Span);
        if (!y.RequiresGrad) return y;
        tape.Record(y, () =>
        {
            var g = y.Grad!.Span;
            if (x.RequiresGrad)
            {
                var gx = x.GradForFullWrite(out bool accumulate);
                inputGradient(g, gx, accumulate);
            }
            bool biasGrad = bias is not null && bias.RequiresGrad;
            if (weight.RequiresGrad) weightGradient(g, weight.GradAccumulator(), biasGrad ? bias!.GradAccumulator() : default);
            else if (biasGrad) AccumulateChannelSums<T>(g, y.Shape[0], y.Shape[1], bias!.GradAccumulator());
        });
        return y;
    }

    /// <summary>Adds the sum of each channel plane of an NCHW gradient into <paramref name="gradBias"/>.</summary>
    private static void AccumulateChannelSums<T>(ReadOnlySpan<T> grad, int batch, int channels, Span<T> gradBias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int plane = grad.Length / (batch * channels);
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < channels; c++)
                gradBias[c] += TensorPrimitives.Sum(grad.Slice((n * channels + c) * plane, plane));
    }
}
