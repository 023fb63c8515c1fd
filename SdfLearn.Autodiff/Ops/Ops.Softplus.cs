using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary><c>y = log(1 + exp(x))</c>, computed stably. Backward: <c>dX = g * sigmoid(x)</c>.</summary>
    public static Variable<T> Softplus<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Softplus), x,
            static (xs, ys) => SoftplusKernel.Forward(xs, ys),
            static (xs, _, gy, gx, add) => SoftplusKernel.Backward(xs, gy, gx, add));
}
