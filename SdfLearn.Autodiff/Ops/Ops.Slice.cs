using System.Numerics;
using System.Numerics.Tensors;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// Elements <paramref name="start"/> .. <paramref name="start"/> + <paramref name="length"/> - 1 along
    /// <paramref name="axis"/> (e.g. the mu half of an encoder's [B, 2L] output). Backward: the gradient is added into
    /// that window of the input's gradient.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the shape or the window outside the axis.</exception>
    public static Variable<T> Slice<T>(Variable<T> x, int axis, int start, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(Slice), x);
        var shape = x.Shape;
        axis = shape.NormalizeAxis(axis);
        int count = shape[axis];
        if (start < 0 || length <= 0 || start + length > count)
            throw new ArgumentOutOfRangeException(nameof(start),
                $"Slice: window [{start}, {start + length}) is outside axis {axis} of shape {shape} (size {count}).");
        int outer = shape.Product(0, axis), inner = shape.Product(axis + 1, shape.Rank);
        Span<int> dims = stackalloc int[shape.Rank];
        shape.Dims.CopyTo(dims);
        dims[axis] = length;
        var y = tape.Result(tape.Rent(dims), x.RequiresGrad);
        int run = length * inner;
        for (int o = 0; o < outer; o++)
            x.Value.Span.Slice((o * count + start) * inner, run).CopyTo(y.Value.Span.Slice(o * run, run));
        if (y.RequiresGrad)
            tape.Record(y, static y =>
            {
                var x = y.Op.A!;
                int axis = y.Op.I, start = y.Op.J, count = x.Shape[axis];
                int outer = x.Shape.Product(0, axis), inner = x.Shape.Product(axis + 1, x.Shape.Rank), run = y.Shape[axis] * inner;
                var gx = x.GradAccumulator(); var gy = y.Grad!.Span;
                for (int o = 0; o < outer; o++)
                {
                    var target = gx.Slice((o * count + start) * inner, run);
                    TensorPrimitives.Add(target, gy.Slice(o * run, run), target);
                }
            }, a: x, i: axis, j: start);
        return y;
    }

    /// <summary>
    /// Splits <paramref name="x"/> along <paramref name="axis"/> into <paramref name="parts"/> equal slices, e.g.
    /// <c>var (mu, logVar) = Ops.Split(h, 1, 2)</c> as an array of two.
    /// </summary>
    /// <exception cref="ArgumentException">The axis size is not divisible by <paramref name="parts"/>.</exception>
    public static Variable<T>[] Split<T>(Variable<T> x, int axis, int parts) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        int count = x.Shape[x.Shape.NormalizeAxis(axis)];
        if (count % parts != 0)
            throw new ArgumentException($"Split: axis {axis} of shape {x.Shape} has size {count}, not divisible into {parts} parts.", nameof(parts));
        int size = count / parts;
        var result = new Variable<T>[parts];
        for (int p = 0; p < parts; p++) result[p] = Slice(x, axis, p * size, size);
        return result;
    }
}
