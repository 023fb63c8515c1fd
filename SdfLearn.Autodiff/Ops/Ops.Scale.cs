using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary><c>y = factor * x</c> for a constant factor. Backward: <c>dX = factor * g</c>.</summary>
    public static Variable<T> Scale<T>(Variable<T> x, T factor) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Scale), x,
            (xs, ys) => TensorPrimitives.Multiply(xs, factor, ys),
            (_, _, gy, gx, add) =>
            {
                if (add) TensorPrimitives.MultiplyAdd(gy, factor, gx, gx);
                else TensorPrimitives.Multiply(gy, factor, gx);
            });
}
