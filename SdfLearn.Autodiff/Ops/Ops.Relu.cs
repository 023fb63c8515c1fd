using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary><c>y = max(x, 0)</c>. Backward: <c>dX = g</c> where x &gt; 0, else 0.</summary>
    public static Variable<T> Relu<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Relu), x,
            static (xs, ys, _, _) => ReluKernel.Forward(xs, ys),
            static (xs, _, gy, gx, add, _, _) => ReluKernel.Backward(xs, gy, gx, add));
}
