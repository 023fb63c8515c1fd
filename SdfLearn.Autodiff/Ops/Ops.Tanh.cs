using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary><c>y = tanh(x)</c>. Backward: <c>dX = g * (1 - y^2)</c>.</summary>
    public static Variable<T> Tanh<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Tanh), x,
            static (xs, ys, _, _) => TanhKernel.Forward(xs, ys),
            static (_, ys, gy, gx, add, _, _) => TanhKernel.Backward(ys, gy, gx, add));
}
