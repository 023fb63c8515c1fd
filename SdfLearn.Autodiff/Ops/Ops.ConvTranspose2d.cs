using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;
using ConvTranspose2dKernel = SdfLearn.Core.Kernels.ConvTranspose2d;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// 2D transposed convolution (PyTorch's <c>nn.ConvTranspose2d</c>): x [N, C, H, W], weight [C, OutC, K, K],
    /// bias [OutC] or null; output size <c>(H - 1) stride - 2 padding + K + outputPadding</c>. Backward: input, weight
    /// and bias gradients, each only when required.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes do not fit; the message names them.</exception>
    public static Variable<T> ConvTranspose2d<T>(Variable<T> x, Variable<T> weight, Variable<T>? bias = null,
        int stride = 1, int padding = 0, int outputPadding = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(ConvTranspose2d), x, weight, bias);
        if (x.Shape.Rank != 4 || weight.Shape.Rank != 4 || x.Shape[1] != weight.Shape[0])
            throw new ShapeMismatchException($"ConvTranspose2d: input {x.Shape} does not fit weight {weight.Shape} (expected [N, C, H, W] and [C, OutC, KH, KW]).");
        CheckChannelBias(nameof(ConvTranspose2d), bias, weight.Shape[1], weight.Shape);
        var shape = ConvTranspose2dGeometry(x, weight, stride, padding, outputPadding);
        var y = tape.Result(tape.Rent([shape.Batch, shape.OutChannels, shape.OutHeight, shape.OutWidth]),
            x.RequiresGrad || weight.RequiresGrad || (bias?.RequiresGrad ?? false));
        ConvTranspose2dKernel.Forward<T>(shape, x.Value.Span, weight.Value.Span, bias is null ? default : bias.Value.Span, y.Value.Span);
        if (y.RequiresGrad)
            tape.Record(y, static y =>
            {
                var (x, weight, bias) = (y.Op.A!, y.Op.B!, y.Op.C);
                var shape = ConvTranspose2dGeometry(x, weight, stride: y.Op.I, padding: y.Op.J, outputPadding: y.Op.K);
                var g = y.Grad!.Span;
                if (x.RequiresGrad)
                {
                    var gx = x.GradForFullWrite(out bool accumulate);
                    ConvTranspose2dKernel.BackwardInput<T>(shape, g, weight.Value.Span, gx, accumulate);
                }
                if (weight.RequiresGrad)
                    ConvTranspose2dKernel.BackwardWeight<T>(shape, x.Value.Span, g, weight.GradAccumulator(), BiasGradient(bias), accumulate: true);
                else if (bias is not null && bias.RequiresGrad) AccumulateChannelSums<T>(g, y.Shape[0], y.Shape[1], bias.GradAccumulator());
            }, a: x, b: weight, c: bias, i: stride, j: padding, k: outputPadding);
        return y;
    }

    /// <summary>The geometry of <see cref="ConvTranspose2d{T}"/> for these operands (checked by the caller).</summary>
    private static ConvTranspose2dShape ConvTranspose2dGeometry<T>(Variable<T> x, Variable<T> weight, int stride, int padding, int outputPadding)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3], weight.Shape[1], weight.Shape[2], weight.Shape[3],
            stride, stride, padding, padding, outputPadding, outputPadding);
}
