using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary><c>y = cos(x)</c> (radians). Backward: <c>dX = -g sin(x)</c>.</summary>
    public static Variable<T> Cos<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Cos), x,
            static (xs, ys, _, _) => CosKernel.Forward(xs, ys),
            static (xs, _, gy, gx, add, _, _) => CosKernel.Backward(xs, gy, gx, add));
}
