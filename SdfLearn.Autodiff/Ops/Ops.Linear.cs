using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// Affine map <c>y = x W^T + b</c> with PyTorch's layout: x [..., in], weight [out, in], bias [out] or null; y [..., out].
    /// Backward: <c>dX = g W</c>, <c>dW = g^T x</c>, <c>db = column sums of g</c>, each only when required.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes do not fit; the message names them.</exception>
    public static Variable<T> Linear<T>(Variable<T> x, Variable<T> weight, Variable<T>? bias = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(Linear), x, weight, bias);
        var xs = x.Shape;
        if (weight.Shape.Rank != 2 || xs.Rank == 0 || xs[-1] != weight.Shape[1])
            throw new ShapeMismatchException($"Linear: input {xs} does not fit weight {weight.Shape} (expected [..., in] and [out, in]).");
        int inFeatures = weight.Shape[1], outFeatures = weight.Shape[0], rows = xs.Length / inFeatures;
        if (bias is not null && (bias.Shape.Rank != 1 || bias.Shape[0] != outFeatures))
            throw new ShapeMismatchException($"Linear: bias {bias.Shape} does not fit weight {weight.Shape} (expected [{outFeatures}]).");

        Span<int> dims = stackalloc int[xs.Rank];
        xs.Dims.CopyTo(dims);
        dims[^1] = outFeatures;
        var y = tape.Result(tape.Rent(dims), x.RequiresGrad || weight.RequiresGrad || (bias?.RequiresGrad ?? false));
        var yv = y.Value.Span;
        Gemm.Multiply<T>(x.Value.Span, false, weight.Value.Span, true, yv, rows, outFeatures, inFeatures);
        if (bias is not null) RowBias.Add<T>(yv, bias.Value.Span);

        if (y.RequiresGrad)
            tape.Record(y, static y =>
            {
                var (x, weight, bias) = (y.Op.A!, y.Op.B!, y.Op.C);
                int inFeatures = weight.Shape[1], outFeatures = weight.Shape[0], rows = x.Shape.Length / inFeatures;
                var g = y.Grad!.Span;
                if (x.RequiresGrad)
                {
                    var gx = x.GradForFullWrite(out bool accumulate);
                    Gemm.Multiply<T>(g, false, weight.Value.Span, false, gx, rows, inFeatures, outFeatures, accumulate);
                }
                if (weight.RequiresGrad)
                    Gemm.Multiply<T>(g, true, x.Value.Span, false, weight.GradAccumulator(), outFeatures, inFeatures, rows, accumulate: true);
                if (bias is not null && bias.RequiresGrad) RowBias.SumInto(g, bias.GradAccumulator(), accumulate: true);
            }, a: x, b: weight, c: bias);
        return y;
    }
}
