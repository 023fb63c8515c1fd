using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>y = sqrt(x)</c> (NaN for x &lt; 0). Backward: <c>dX = g / (2 y)</c>, which is infinite at x = 0 (as PyTorch);
    /// keep x away from 0, e.g. <c>Sqrt(x + eps)</c>, where a gradient is needed there.
    /// </summary>
    public static Variable<T> Sqrt<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Sqrt), x,
            static (xs, ys, _, _) => SqrtKernel.Forward(xs, ys),
            static (_, ys, gy, gx, add, _, _) => SqrtKernel.Backward(ys, gy, gx, add));
}
