using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// The derivative of <see cref="Softplus{T}(Variable{T}, T, T)"/> as a differentiable value, for input gradients
    /// recorded through a network (a layer's <see cref="Pullback{T}"/>): <c>y = sigmoid(beta x)</c>, and 1 where
    /// <c>beta x &gt; threshold</c> (where the softplus is the identity). Backward (the second derivative):
    /// <c>dX = g beta y (1 - y)</c>, and 0 above the threshold.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="beta"/> is not positive and finite.</exception>
    public static Variable<T> SoftplusDerivative<T>(Variable<T> x, T beta, T threshold) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SoftplusKernel.ThrowIfInvalidBeta(beta);
        return Elementwise(nameof(SoftplusDerivative), x,
            static (xs, ys, beta, threshold) => SoftplusKernel.Derivative(xs, beta, threshold, ys),
            static (xs, ys, gy, gx, add, beta, threshold) => SoftplusKernel.DerivativeBackward(xs, beta, threshold, ys, gy, gx, add),
            beta, threshold);
    }
}
