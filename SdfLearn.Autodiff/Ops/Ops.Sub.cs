using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>a - b</c> element-wise, broadcasting NumPy-style. Backward: <c>dA = g</c>, <c>dB = -g</c>, each summed over
    /// the dimensions it was broadcast along.
    /// </summary>
    /// <exception cref="Core.ShapeMismatchException">The shapes cannot be broadcast together.</exception>
    public static Variable<T> Sub<T>(Variable<T> a, Variable<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(Sub), a, b);
        if (a.Shape == b.Shape)
        {
            var difference = tape.Result(tape.Rent(a.Shape), a.RequiresGrad || b.RequiresGrad);
            TensorPrimitives.Subtract(a.Value.Span, b.Value.Span, difference.Value.Span);
            if (difference.RequiresGrad)
                tape.Record(difference, () =>
                {
                    var g = difference.Grad!.Span;
                    if (a.RequiresGrad) { var ga = a.GradAccumulator(); TensorPrimitives.Add(ga, g, ga); }
                    if (b.RequiresGrad) { var gb = b.GradAccumulator(); TensorPrimitives.Subtract(gb, g, gb); }
                });
            return difference;
        }

        var plan = Broadcast.Of(nameof(Sub), a.Shape, b.Shape);
        var y = tape.Result(tape.Rent(plan.Output), a.RequiresGrad || b.RequiresGrad);
        var av = a.Value.Span; var bv = b.Value.Span; var yv = y.Value.Span;
        for (int i = 0; i < yv.Length; i++)
        {
            plan.Offsets(i, out int ia, out int ib);
            yv[i] = av[ia] - bv[ib];
        }
        if (y.RequiresGrad)
            tape.Record(y, () =>
            {
                var g = y.Grad!.Span;
                var ga = a.RequiresGrad ? a.GradAccumulator() : default;
                var gb = b.RequiresGrad ? b.GradAccumulator() : default;
                for (int i = 0; i < g.Length; i++)
                {
                    plan.Offsets(i, out int ia, out int ib);
                    if (a.RequiresGrad) ga[ia] += g[i];
                    if (b.RequiresGrad) gb[ib] -= g[i];
                }
            });
        return y;
    }
}
