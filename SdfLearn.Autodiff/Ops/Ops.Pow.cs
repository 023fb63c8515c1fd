using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>y = x^p</c> for a constant exponent p (NaN for x &lt; 0 unless p is an integer; use <see cref="Square{T}"/>
    /// for p = 2 and <see cref="Sqrt{T}"/> for p = 1/2, which are cheaper). Backward: <c>dX = p x^(p - 1) g</c>, and 0
    /// for p = 0.
    /// </summary>
    public static Variable<T> Pow<T>(Variable<T> x, T exponent) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Pow), x,
            static (xs, ys, exponent, _) => PowKernel.Forward(xs, exponent, ys),
            static (xs, _, gy, gx, add, exponent, _) => PowKernel.Backward(xs, exponent, gy, gx, add), exponent);
}
