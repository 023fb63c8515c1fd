using System.Numerics;
using SdfLearn.Autodiff;

namespace CustomOp;

/// <summary>
/// A new op: the smooth minimum of two signed distances (a soft union of two shapes),
/// <c>smin(a, b) = -k log(exp(-a / k) + exp(-b / k))</c>, element by element.
/// Backward: <c>dA = g w</c>, <c>dB = g (1 - w)</c> with <c>w = exp(-a / k) / (exp(-a / k) + exp(-b / k)) = sigmoid((b - a) / k)</c>.
/// </summary>
public static class SmoothMin
{
    /// <summary>The op with the correct backward.</summary>
    public static Variable<T> Apply<T>(Variable<T> a, Variable<T> b, T k) where T : unmanaged, IFloatingPointIeee754<T> =>
        Record(a, b, k, swapGradients: false);

    /// <summary>The same forward with a deliberately wrong backward (the two weights swapped), to watch the check fail.</summary>
    public static Variable<T> ApplyWithWrongBackward<T>(Variable<T> a, Variable<T> b, T k) where T : unmanaged, IFloatingPointIeee754<T> =>
        Record(a, b, k, swapGradients: true);

    private static Variable<T> Record<T>(Variable<T> a, Variable<T> b, T k, bool swapGradients) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Shape != b.Shape) throw new ArgumentException($"Shapes differ: {a.Shape} and {b.Shape}.");
        var tape = a.Tape;
        var output = tape.Rent(a.Shape);
        var weight = new T[a.Value.Length];   // w, kept for the backward
        var xs = a.Value.Span;
        var ys = b.Value.Span;
        var result = output.Span;
        for (int i = 0; i < result.Length; i++)
        {
            T low = T.Min(xs[i], ys[i]);      // shift by the minimum: no overflow in exp
            T ea = T.Exp(-(xs[i] - low) / k), eb = T.Exp(-(ys[i] - low) / k);
            result[i] = low - k * T.Log(ea + eb);
            weight[i] = ea / (ea + eb);
        }

        return tape.RecordOp(output, [a, b], gradient =>
        {
            var g = gradient.Span;
            if (a.RequiresGrad)
            {
                var ga = a.GradAccumulator();
                for (int i = 0; i < g.Length; i++) ga[i] += g[i] * (swapGradients ? T.One - weight[i] : weight[i]);
            }
            if (b.RequiresGrad)
            {
                var gb = b.GradAccumulator();
                for (int i = 0; i < g.Length; i++) gb[i] += g[i] * (swapGradients ? weight[i] : T.One - weight[i]);
            }
        });
    }
}
