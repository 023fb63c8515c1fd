using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary><c>y = 1 / (1 + exp(-x))</c>. Backward: <c>dX = g * y (1 - y)</c>.</summary>
    public static Variable<T> Sigmoid<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Sigmoid), x,
            static (xs, ys, _, _) => SigmoidKernel.Forward(xs, ys),
            static (_, ys, gy, gx, add, _, _) => SigmoidKernel.Backward(ys, gy, gx, add));
}
