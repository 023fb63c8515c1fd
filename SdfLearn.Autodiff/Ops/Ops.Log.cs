using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary><c>y = ln(x)</c> (NaN for negative x, -infinity at 0). Backward: <c>dX = g / x</c>.</summary>
    public static Variable<T> Log<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Log), x,
            static (xs, ys, _, _) => TensorPrimitives.Log(xs, ys),
            static (xs, _, gy, gx, add, _, _) =>
            {
                if (!add) gx.Clear();
                for (int i = 0; i < xs.Length; i++) gx[i] += gy[i] / xs[i];
            });
}
