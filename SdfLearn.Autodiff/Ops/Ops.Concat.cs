using System.Numerics;
using System.Numerics.Tensors;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// Joins values along <paramref name="axis"/> (e.g. DeepSDF's [latent, x, y] input and its skip connection along the
    /// feature axis 1). Every other dimension must agree. Backward: each input receives its window of the gradient.
    /// </summary>
    /// <exception cref="ArgumentException">No inputs were given.</exception>
    /// <exception cref="ShapeMismatchException">The inputs differ in rank or in a dimension other than the axis.</exception>
    public static Variable<T> Concat<T>(int axis, params ReadOnlySpan<Variable<T>> xs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (xs.Length == 0) throw new ArgumentException("Concat needs at least one input.", nameof(xs));
        var tape = TapeOf(nameof(Concat), xs[0], xs[1..]);
        var first = xs[0].Shape;
        axis = first.NormalizeAxis(axis);
        int total = 0;
        bool requiresGrad = false;
        foreach (var x in xs)
        {
            var s = x.Shape;
            bool fits = s.Rank == first.Rank;
            for (int d = 0; fits && d < s.Rank; d++) fits = d == axis || s[d] == first[d];
            if (!fits)
                throw new ShapeMismatchException($"Concat along axis {axis}: shape {s} does not match {first} outside that axis.");
            total += s[axis];
            requiresGrad |= x.RequiresGrad;
        }
        int outer = first.Product(0, axis), inner = first.Product(axis + 1, first.Rank);
        Span<int> dims = stackalloc int[first.Rank];
        first.Dims.CopyTo(dims);
        dims[axis] = total;
        var y = tape.Result(tape.Rent(dims), requiresGrad);
        int outRun = total * inner, offset = 0;
        foreach (var x in xs)
        {
            int run = x.Shape[axis] * inner;
            for (int o = 0; o < outer; o++)
                x.Value.Span.Slice(o * run, run).CopyTo(y.Value.Span.Slice(o * outRun + offset, run));
            offset += run;
        }
        if (y.RequiresGrad)
        {
            // the inputs, kept for backward in the array this recycled variable kept from an earlier step when it fits
            var inputs = y.Op.Saved is Variable<T>[] kept && kept.Length == xs.Length ? kept : new Variable<T>[xs.Length];
            xs.CopyTo(inputs);
            tape.Record(y, static y =>
            {
                var inputs = (Variable<T>[])y.Op.Saved!;
                int axis = y.Op.I, outer = y.Shape.Product(0, axis), inner = y.Shape.Product(axis + 1, y.Shape.Rank);
                int outRun = y.Shape[axis] * inner;
                var gy = y.Grad!.Span;
                int offset = 0;
                foreach (var x in inputs)
                {
                    int run = x.Shape[axis] * inner;
                    if (x.RequiresGrad)
                    {
                        var gx = x.GradForFullWrite(out bool accumulate);
                        for (int o = 0; o < outer; o++)
                        {
                            var target = gx.Slice(o * run, run);
                            var window = gy.Slice(o * outRun + offset, run);
                            if (accumulate) TensorPrimitives.Add(target, window, target);
                            else window.CopyTo(target);
                        }
                    }
                    offset += run;
                }
            }, saved: inputs, i: axis);
        }
        return y;
    }
}
