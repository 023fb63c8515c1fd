using System.Numerics;
using System.Numerics.Tensors;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// Rows of <paramref name="table"/> [N, ...] picked by index: row <c>k</c> of the result [K, ...] is
    /// <c>table[indices[k]]</c> (an embedding lookup, e.g. the auto-decoder's latent codes of a batch of shapes, as
    /// <c>torch.nn.Embedding</c>). Indices may repeat. Backward: each gradient row is added into the row it was read
    /// from (a scatter-add), so a row picked twice receives the sum of both gradients.
    /// </summary>
    /// <exception cref="ArgumentException">The table is rank 0, or no index was given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, N).</exception>
    public static Variable<T> GatherRows<T>(Variable<T> table, ReadOnlySpan<int> indices) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(GatherRows), table);
        var shape = table.Shape;
        if (shape.Rank == 0) throw new ArgumentException("GatherRows needs a table with rows ([N, ...]); got a scalar.", nameof(table));
        if (indices.IsEmpty) throw new ArgumentException("GatherRows needs at least one index.", nameof(indices));
        int rows = shape[0], width = shape.Product(1, shape.Rank);
        for (int k = 0; k < indices.Length; k++)
            if ((uint)indices[k] >= (uint)rows)
                throw new ArgumentOutOfRangeException(nameof(indices), indices[k], $"GatherRows: index {k} is {indices[k]}, outside the table's {rows} rows (shape {shape}).");

        Span<int> dims = stackalloc int[shape.Rank];
        shape.Dims.CopyTo(dims);
        dims[0] = indices.Length;
        var y = tape.Result(tape.Rent(dims), table.RequiresGrad);
        var tv = table.Value.Span; var yv = y.Value.Span;
        for (int k = 0; k < indices.Length; k++) tv.Slice(indices[k] * width, width).CopyTo(yv.Slice(k * width, width));
        if (y.RequiresGrad)
        {
            // a copy, since the caller's buffer (e.g. a loader's batch) may be refilled before backward; the array this
            // recycled variable kept from an earlier step is reused when it fits
            var picked = y.Op.Saved is int[] kept && kept.Length == indices.Length ? kept : new int[indices.Length];
            indices.CopyTo(picked);
            tape.Record(y, static y =>
            {
                var (table, picked) = (y.Op.A!, (int[])y.Op.Saved!);
                int width = table.Shape.Product(1, table.Shape.Rank);
                var gt = table.GradAccumulator(); var gy = y.Grad!.Span;
                for (int k = 0; k < picked.Length; k++)
                {
                    var target = gt.Slice(picked[k] * width, width);
                    TensorPrimitives.Add(target, gy.Slice(k * width, width), target);
                }
            }, a: table, saved: picked);
        }
        return y;
    }
}
