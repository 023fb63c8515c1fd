using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary><c>y = exp(x)</c>. Backward: <c>dX = g * y</c>.</summary>
    public static Variable<T> Exp<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Exp), x,
            static (xs, ys, _, _) => TensorPrimitives.Exp(xs, ys),
            static (_, ys, gy, gx, add, _, _) =>
            {
                if (add) TensorPrimitives.MultiplyAdd(gy, ys, gx, gx);
                else TensorPrimitives.Multiply(gy, ys, gx);
            });
}
