using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// The derivative of tanh as a differentiable value, <c>y = 1 - tanh(x)^2</c>, for input gradients carried through a
    /// network (a layer's <see cref="Pullback{T}"/>). Backward (tanh's second derivative): <c>dX = g * (-2 tanh(x) y)</c>.
    /// </summary>
    public static Variable<T> TanhDerivative<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(TanhDerivative), x,
            static (xs, ys, _, _) => TanhKernel.Derivative(xs, ys),
            static (xs, ys, gy, gx, add, _, _) => TanhKernel.DerivativeBackward(xs, ys, gy, gx, add));
}
