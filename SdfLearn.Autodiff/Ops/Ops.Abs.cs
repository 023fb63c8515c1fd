using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary><c>y = |x|</c>. Backward: <c>dX = sign(x) g</c>, with the subgradient 0 at x = 0 (as PyTorch).</summary>
    public static Variable<T> Abs<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Abs), x,
            static (xs, ys, _, _) => AbsKernel.Forward(xs, ys),
            static (xs, _, gy, gx, add, _, _) => AbsKernel.Backward(xs, gy, gx, add));
}
