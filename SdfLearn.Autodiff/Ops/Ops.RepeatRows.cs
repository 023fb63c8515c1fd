using System.Numerics;
using System.Numerics.Tensors;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// Repeats each row of <paramref name="z"/> [B, L] <paramref name="count"/> times consecutively, giving
    /// [B * count, L]: row <c>b * count + r</c> is <c>z[b]</c> (a shape's latent code beside each of its query points).
    /// Backward: each row of z receives the sum of the gradients of its copies.
    /// </summary>
    /// <exception cref="ArgumentException">z is not a matrix.</exception>
    /// <exception cref="ArgumentOutOfRangeException">count is not positive.</exception>
    public static Variable<T> RepeatRows<T>(Variable<T> z, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(RepeatRows), z);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (z.Shape.Rank != 2) throw new ArgumentException($"RepeatRows needs a matrix [B, L]; got shape {z.Shape}.", nameof(z));
        int rows = z.Shape[0], width = z.Shape[1];
        var y = tape.Result(tape.Rent([rows * count, width]), z.RequiresGrad);
        var zv = z.Value.Span; var yv = y.Value.Span;
        for (int b = 0; b < rows; b++)
            for (int r = 0; r < count; r++)
                zv.Slice(b * width, width).CopyTo(yv.Slice((b * count + r) * width, width));
        if (y.RequiresGrad)
            tape.Record(y, static y =>
            {
                var z = y.Op.A!;
                int rows = z.Shape[0], width = z.Shape[1], count = y.Shape[0] / rows;
                var gz = z.GradForFullWrite(out bool accumulate); var gy = y.Grad!.Span;
                for (int b = 0; b < rows; b++)
                {
                    var target = gz.Slice(b * width, width);
                    if (!accumulate) target.Clear();
                    for (int r = 0; r < count; r++) TensorPrimitives.Add(target, gy.Slice((b * count + r) * width, width), target);
                }
            }, a: z);
        return y;
    }
}
