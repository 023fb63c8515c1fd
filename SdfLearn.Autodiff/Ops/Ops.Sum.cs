using System.Numerics;
using System.Numerics.Tensors;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>The sum of all elements, as a one-element rank-0 value. Backward: every element receives <c>g</c>.</summary>
    public static Variable<T> Sum<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        ReduceAll(nameof(Sum), x, T.One);

    /// <summary>
    /// The sum along <paramref name="axis"/> (negative counts from the end), which is removed from the shape unless
    /// <paramref name="keepDims"/>. Backward: each summed element receives the gradient of its sum.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the shape.</exception>
    public static Variable<T> Sum<T>(Variable<T> x, int axis, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> =>
        ReduceAxis(nameof(Sum), x, axis, keepDims, mean: false);

    /// <summary><c>y = scale * sum(x)</c>; backward adds <c>scale * g</c> to every element.</summary>
    private static Variable<T> ReduceAll<T>(string op, Variable<T> x, T scale) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(op, x);
        var y = tape.Result(tape.Rent(ScalarDims), x.RequiresGrad);
        y.Value.Span[0] = scale * TensorPrimitives.Sum<T>(x.Value.Span);
        if (y.RequiresGrad)
            tape.Record(y, static y =>
            {
                var gx = y.Op.A!.GradForFullWrite(out bool accumulate);
                T g = y.Op.Scalar * y.Grad!.Span[0];
                if (accumulate) TensorPrimitives.Add(gx, g, gx);
                else gx.Fill(g);
            }, a: x, scalar: scale);
        return y;
    }

    /// <summary>Sum (or mean) along one axis, viewing x as [outer, count, inner].</summary>
    private static Variable<T> ReduceAxis<T>(string op, Variable<T> x, int axis, bool keepDims, bool mean)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(op, x);
        var shape = x.Shape;
        axis = shape.NormalizeAxis(axis);
        int outer = shape.Product(0, axis), count = shape[axis], inner = shape.Product(axis + 1, shape.Rank);
        T scale = mean ? T.One / T.CreateTruncating(count) : T.One;

        Span<int> dims = stackalloc int[shape.Rank];
        shape.Dims.CopyTo(dims);
        if (keepDims) dims[axis] = 1;
        else
        {
            dims[(axis + 1)..].CopyTo(dims[axis..]);
            dims = dims[..^1];
        }
        var y = tape.Result(tape.RentZeroed(dims), x.RequiresGrad);
        var xv = x.Value.Span; var yv = y.Value.Span;
        for (int o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                yv[o] = scale * TensorPrimitives.Sum<T>(xv.Slice(o * count, count)); // contiguous: one vectorised sum
                continue;
            }
            var sum = yv.Slice(o * inner, inner);
            for (int k = 0; k < count; k++) TensorPrimitives.Add(sum, xv.Slice((o * count + k) * inner, inner), sum);
            if (mean) TensorPrimitives.Multiply(sum, scale, sum);
        }
        if (y.RequiresGrad)
            tape.Record(y, static y =>
            {
                var x = y.Op.A!;
                int axis = y.Op.I, outer = x.Shape.Product(0, axis), count = x.Shape[axis], inner = x.Shape.Product(axis + 1, x.Shape.Rank);
                T scale = y.Op.Scalar;
                var gx = x.GradForFullWrite(out bool accumulate); var gy = y.Grad!.Span;
                for (int o = 0; o < outer; o++)
                {
                    var g = gy.Slice(o * inner, inner);
                    for (int k = 0; k < count; k++)
                    {
                        var target = gx.Slice((o * count + k) * inner, inner);
                        if (accumulate) TensorPrimitives.MultiplyAdd(g, scale, target, target);
                        else TensorPrimitives.Multiply(g, scale, target);
                    }
                }
            }, a: x, i: axis, scalar: scale);
        return y;
    }
}
