using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// The same elements under another shape (one dimension may be -1, inferred); the value is a view of the input's
    /// buffer (made once and reused by later steps that record the same reshape). Backward: the gradient flows back
    /// element for element.
    /// </summary>
    /// <exception cref="ArgumentException">The element counts differ; the message names both shapes.</exception>
    public static Variable<T> Reshape<T>(Variable<T> x, params ReadOnlySpan<int> dims) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(Reshape), x);
        var y = tape.ResultView(x.Value, dims, x.RequiresGrad);
        if (y.RequiresGrad)
            tape.Record(y, static y =>
            {
                var gx = y.Op.A!.GradForFullWrite(out bool accumulate);
                if (accumulate) TensorPrimitives.Add(gx, y.Grad!.Span, gx);
                else y.Grad!.Span.CopyTo(gx);
            }, a: x);
        return y;
    }

    /// <summary>Flattens every dimension after the first: [N, ...] to [N, rest] (as PyTorch's <c>nn.Flatten</c>).</summary>
    /// <exception cref="ArgumentException">The value has rank 0.</exception>
    public static Variable<T> Flatten<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.Rank == 0) throw new ArgumentException("Flatten needs a value with a batch dimension; got a rank-0 value.", nameof(x));
        return Reshape(x, x.Shape[0], -1);
    }
}
