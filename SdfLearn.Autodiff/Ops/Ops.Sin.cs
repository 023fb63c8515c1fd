using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary><c>y = sin(x)</c> (radians). Backward: <c>dX = g cos(x)</c>.</summary>
    public static Variable<T> Sin<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Sin), x,
            static (xs, ys, _, _) => SinKernel.Forward(xs, ys),
            static (xs, _, gy, gx, add, _, _) => SinKernel.Backward(xs, gy, gx, add));
}
