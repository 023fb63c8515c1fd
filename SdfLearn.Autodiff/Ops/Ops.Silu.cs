using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary><c>y = x * sigmoid(x)</c> (swish). Backward: <c>dX = g * (s + x s (1 - s))</c>, <c>s = sigmoid(x)</c>.</summary>
    public static Variable<T> Silu<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Silu), x,
            static (xs, ys, _, _) => SiluKernel.Forward(xs, ys),
            static (xs, _, gy, gx, add, _, _) => SiluKernel.Backward(xs, gy, gx, add));
}
