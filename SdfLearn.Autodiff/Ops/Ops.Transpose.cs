using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// The transpose of a matrix: [rows, columns] to [columns, rows] (e.g. input gradients [d, N] to [N, d]).
    /// Backward: <c>dX = g^T</c>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The value is not of rank 2.</exception>
    public static Variable<T> Transpose<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(Transpose), x);
        if (x.Shape.Rank != 2) throw new ShapeMismatchException($"Transpose: expected a matrix [rows, columns], got {x.Shape}.");
        int rows = x.Shape[0], columns = x.Shape[1];
        var y = tape.Result(tape.Rent([columns, rows]), x.RequiresGrad);
        TransposeInto(x.Value.Span, y.Value.Span, rows, columns, accumulate: false);
        if (y.RequiresGrad)
            tape.Record(y, static y =>
            {
                var gx = y.Op.A!.GradForFullWrite(out bool accumulate);
                TransposeInto(y.Grad!.Span, gx, y.Shape[0], y.Shape[1], accumulate);
            }, a: x);
        return y;
    }

    /// <summary>Writes (or adds) the transpose of the [rows, columns] matrix <paramref name="source"/> into <paramref name="target"/>.</summary>
    private static void TransposeInto<T>(ReadOnlySpan<T> source, Span<T> target, int rows, int columns, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                ref T slot = ref target[c * rows + r];
                slot = accumulate ? slot + source[r * columns + c] : source[r * columns + c];
            }
    }
}
