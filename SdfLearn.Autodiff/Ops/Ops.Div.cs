using System.Numerics;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>a / b</c> element-wise, broadcasting NumPy-style. Backward: <c>dA = g / b</c>, <c>dB = -g * a / b^2 = -g * y / b</c>,
    /// each summed over the dimensions it was broadcast along.
    /// </summary>
    /// <exception cref="Core.ShapeMismatchException">The shapes cannot be broadcast together.</exception>
    public static Variable<T> Div<T>(Variable<T> a, Variable<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(Div), a, b);
        var plan = Broadcast.Of(nameof(Div), a.Shape, b.Shape);
        var y = tape.Result(tape.Rent(plan.Output), a.RequiresGrad || b.RequiresGrad);
        var av = a.Value.Span; var bv = b.Value.Span; var yv = y.Value.Span;
        for (int i = 0; i < yv.Length; i++)
        {
            plan.Offsets(i, out int ia, out int ib);
            yv[i] = av[ia] / bv[ib];
        }
        if (y.RequiresGrad)
            tape.Record(y, () =>
            {
                var g = y.Grad!.Span;
                var bv = b.Value.Span; var yv = y.Value.Span;
                var ga = a.RequiresGrad ? a.GradAccumulator() : default;
                var gb = b.RequiresGrad ? b.GradAccumulator() : default;
                for (int i = 0; i < g.Length; i++)
                {
                    plan.Offsets(i, out int ia, out int ib);
                    T gOverB = g[i] / bv[ib];
                    if (a.RequiresGrad) ga[ia] += gOverB;
                    if (b.RequiresGrad) gb[ib] -= gOverB * yv[i];
                }
            });
        return y;
    }
}
