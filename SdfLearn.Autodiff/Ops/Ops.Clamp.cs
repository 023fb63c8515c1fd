using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>y = min(max(x, min), max)</c>. Backward: <c>dX = g</c> where <c>min &lt;= x &lt;= max</c> — the bounds
    /// themselves included, as PyTorch's <c>clamp</c> — and 0 outside.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="min"/> exceeds <paramref name="max"/>, or either is NaN.</exception>
    public static Variable<T> Clamp<T>(Variable<T> x, T min, T max) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ClampKernel.ThrowIfInvalidBounds(min, max); // before renting, and not from inside worker threads
        return Elementwise(nameof(Clamp), x,
            static (xs, ys, min, max) => ClampKernel.Forward(xs, min, max, ys),
            static (xs, _, gy, gx, add, min, max) => ClampKernel.Backward(xs, min, max, gy, gx, add), min, max);
    }
}
