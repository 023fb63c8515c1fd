using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary><c>y = x^2</c>. Backward: <c>dX = 2 x g</c>.</summary>
    public static Variable<T> Square<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Square), x,
            static (xs, ys, _, _) => TensorPrimitives.Multiply(xs, xs, ys),
            static (xs, _, gy, gx, add, _, _) =>
            {
                if (!add) gx.Clear();
                T two = T.One + T.One;
                for (int i = 0; i < xs.Length; i++) gx[i] += two * xs[i] * gy[i];
            });
}
