using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>condition != 0 ? a : b</c> element-wise (PyTorch's <c>torch.where</c>, with a mask of ones and zeros; NaN counts
    /// as true). <paramref name="a"/> and <paramref name="b"/> broadcast NumPy-style, and the condition must broadcast
    /// to their result's shape. Backward: <c>dA = g</c> where the condition holds and <c>dB = g</c> elsewhere, each summed
    /// over the dimensions it was broadcast along; the condition receives no gradient. The condition is read again by
    /// the backward pass, so it must not change in between.
    /// </summary>
    /// <exception cref="ArgumentNullException">The condition is null.</exception>
    /// <exception cref="ShapeMismatchException">The shapes of a and b cannot be broadcast together, or the condition's
    /// cannot be broadcast to their result.</exception>
    public static Variable<T> Where<T>(Tensor<T> condition, Variable<T> a, Variable<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(condition);
        var tape = TapeOf(nameof(Where), a, b);
        bool sameShapes = a.Shape == b.Shape && condition.Shape == a.Shape;
        var values = sameShapes ? null : Broadcast.Of(nameof(Where), a.Shape, b.Shape);
        var mask = values is null ? null : Broadcast.Of(nameof(Where), condition.Shape, values.Output);
        if (mask is not null && mask.Output != values!.Output)
            throw new ShapeMismatchException(
                $"{nameof(Where)}: the condition's shape {condition.Shape} does not broadcast to the values' shape {values.Output}.");
        var y = tape.Result(tape.Rent(values?.Output ?? a.Shape), a.RequiresGrad || b.RequiresGrad);
        if (values is null) WhereKernel.Forward(condition.Span, a.Value.Span, b.Value.Span, y.Value.Span);
        else
        {
            var c = condition.Span; var av = a.Value.Span; var bv = b.Value.Span; var yv = y.Value.Span;
            for (int i = 0; i < yv.Length; i++)
            {
                values.Offsets(i, out int ia, out int ib);
                mask!.Offsets(i, out int ic, out _);
                yv[i] = c[ic] != T.Zero ? av[ia] : bv[ib];
            }
        }
        if (y.RequiresGrad) tape.Record(y, WhereBackward, a: a, b: b, saved: condition);
        return y;
    }

    /// <summary>
    /// <see cref="Where{T}"/>'s backward: the gradient to the operand each element selected, through the broadcast plans
    /// (worked out again from the shapes, as in the forward pass) unless all three shapes are equal.
    /// </summary>
    private static void WhereBackward<T>(Variable<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (a, b, condition) = (y.Op.A!, y.Op.B!, (Tensor<T>)y.Op.Saved!);
        var ga = a.RequiresGrad ? a.GradAccumulator() : default;
        var gb = b.RequiresGrad ? b.GradAccumulator() : default;
        var g = y.Grad!.Span;
        if (a.Shape == b.Shape && condition.Shape == a.Shape)
        {
            WhereKernel.Backward(condition.Span, g, ga, gb);
            return;
        }
        var values = Broadcast.Of(nameof(Where), a.Shape, b.Shape);
        var mask = Broadcast.Of(nameof(Where), condition.Shape, values.Output);
        var c = condition.Span;
        for (int i = 0; i < g.Length; i++)
        {
            values.Offsets(i, out int ia, out int ib);
            mask.Offsets(i, out int ic, out _);
            if (c[ic] != T.Zero) { if (!ga.IsEmpty) ga[ia] += g[i]; }
            else if (!gb.IsEmpty) gb[ib] += g[i];
        }
    }
}
