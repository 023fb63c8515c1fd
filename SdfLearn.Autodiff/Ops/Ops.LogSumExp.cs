using System.Numerics;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>y = log Σ_k exp(x_k)</c> over the last axis, which is removed from the shape ([..., K] gives [...]). Computed as
    /// <c>m + log Σ_k exp(x_k − m)</c> with the row's maximum m, so no exp overflows; a row of −∞ gives −∞. Backward:
    /// <c>dX_k = g · exp(x_k − y)</c>, the row's softmax times its gradient.
    /// </summary>
    /// <exception cref="ArgumentException">x is rank 0, or its last axis is empty.</exception>
    public static Variable<T> LogSumExp<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(LogSumExp), x);
        if (x.Shape.Rank == 0 || x.Shape[-1] == 0)
            throw new ArgumentException($"LogSumExp reduces the last axis, which must be non-empty; got shape {x.Shape}.", nameof(x));
        int count = x.Shape[-1], rows = x.Shape.Length / count;
        var y = tape.Result(tape.Rent(x.Shape.Dims[..^1]), x.RequiresGrad);
        var xv = x.Value.Span; var yv = y.Value.Span;
        for (int r = 0; r < rows; r++)
        {
            var row = xv.Slice(r * count, count);
            T max = T.NegativeInfinity;
            foreach (T value in row) max = T.Max(max, value);
            if (T.IsInfinity(max)) // all −∞ (or some +∞): the shift would give NaN, and the answer is max itself
            {
                yv[r] = max;
                continue;
            }
            T sum = T.Zero;
            foreach (T value in row) sum += T.Exp(value - max);
            yv[r] = max + T.Log(sum);
        }
        if (y.RequiresGrad)
            tape.Record(y, static y =>
            {
                var x = y.Op.A!;
                int count = x.Shape[-1];
                var gx = x.GradAccumulator(); var xv = x.Value.Span; var yv = y.Value.Span; var gy = y.Grad!.Span;
                for (int r = 0; r < yv.Length; r++)
                    if (!T.IsInfinity(yv[r])) // a row of −∞ has no softmax; it passes no gradient
                        for (int k = r * count; k < (r + 1) * count; k++) gx[k] += gy[r] * T.Exp(xv[k] - yv[r]);
            }, a: x);
        return y;
    }
}
