using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary><c>y = factor * x</c> for a constant factor. Backward: <c>dX = factor * g</c>.</summary>
    public static Variable<T> Scale<T>(Variable<T> x, T factor) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Scale), x,
            static (xs, ys, factor, _) => TensorPrimitives.Multiply(xs, factor, ys),
            static (_, _, gy, gx, add, factor, _) =>
            {
                if (add) TensorPrimitives.MultiplyAdd(gy, factor, gx, gx);
                else TensorPrimitives.Multiply(gy, factor, gx);
            }, factor);
}
