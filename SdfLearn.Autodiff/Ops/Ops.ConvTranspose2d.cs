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
        var shape = new ConvTranspose2dShape(x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3], weight.Shape[1], weight.Shape[2], weight.Shape[3],
            stride, stride, padding, padding, outputPadding, outputPadding);

        return Convolution(tape, shape.OutputShape, x, weight, bias,
            y => ConvTranspose2dKernel.Forward<T>(shape, x.Value.Span, weight.Value.Span, bias is null ? default : bias.Value.Span, y),
            (g, gx, accumulate) => ConvTranspose2dKernel.BackwardInput<T>(shape, g, weight.Value.Span, gx, accumulate),
            (g, gw, gb) => ConvTranspose2dKernel.BackwardWeight<T>(shape, x.Value.Span, g, gw, gb, accumulate: true));
    }
}
