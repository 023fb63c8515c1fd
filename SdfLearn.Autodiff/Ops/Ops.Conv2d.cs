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
        var shape = Conv2dGeometry(x, weight, stride, padding);
        var y = tape.Result(tape.Rent([shape.Batch, shape.OutChannels, shape.OutHeight, shape.OutWidth]),
            x.RequiresGrad || weight.RequiresGrad || (bias?.RequiresGrad ?? false));
        Conv2dKernel.Forward<T>(shape, x.Value.Span, weight.Value.Span, bias is null ? default : bias.Value.Span, y.Value.Span);
        if (y.RequiresGrad)
            tape.Record(y, static y =>
            {
                var (x, weight, bias) = (y.Op.A!, y.Op.B!, y.Op.C);
                var shape = Conv2dGeometry(x, weight, stride: y.Op.I, padding: y.Op.J);
                var g = y.Grad!.Span;
                if (x.RequiresGrad)
                {
                    var gx = x.GradForFullWrite(out bool accumulate);
                    Conv2dKernel.BackwardInput<T>(shape, g, weight.Value.Span, gx, accumulate);
                }
                if (weight.RequiresGrad)
                    Conv2dKernel.BackwardWeight<T>(shape, x.Value.Span, g, weight.GradAccumulator(), BiasGradient(bias), accumulate: true);
                else if (bias is not null && bias.RequiresGrad) AccumulateChannelSums<T>(g, y.Shape[0], y.Shape[1], bias.GradAccumulator());
            }, a: x, b: weight, c: bias, i: stride, j: padding);
        return y;
    }

    /// <summary>The geometry of <see cref="Conv2d{T}"/> for these operands (checked by the caller).</summary>
    private static Conv2dShape Conv2dGeometry<T>(Variable<T> x, Variable<T> weight, int stride, int padding)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3], weight.Shape[0], weight.Shape[2], weight.Shape[3],
            stride, stride, padding, padding);

    /// <summary>Throws unless a convolution bias is null or [channels].</summary>
    private static void CheckChannelBias<T>(string op, Variable<T>? bias, int channels, Shape weight) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (bias is not null && (bias.Shape.Rank != 1 || bias.Shape[0] != channels))
            throw new ShapeMismatchException($"{op}: bias {bias.Shape} does not fit weight {weight} (expected [{channels}]).");
    }

    /// <summary>The bias gradient a convolution's weight-gradient kernel adds into, or empty when none is required.</summary>
    private static Span<T> BiasGradient<T>(Variable<T>? bias) where T : unmanaged, IFloatingPointIeee754<T> =>
        bias is not null && bias.RequiresGrad ? bias.GradAccumulator() : default;

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
