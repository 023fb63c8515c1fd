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
            static (xs, ys, beta, threshold) =>
            {
                for (int i = 0; i < xs.Length; i++)
                {
                    T z = beta * xs[i];
                    ys[i] = z > threshold ? T.One : T.One / (T.One + T.Exp(-z));
                }
            },
            static (xs, ys, gy, gx, add, beta, threshold) =>
            {
                for (int i = 0; i < xs.Length; i++)
                {
                    T gradient = beta * xs[i] > threshold ? T.Zero : beta * ys[i] * (T.One - ys[i]) * gy[i];
                    gx[i] = add ? gx[i] + gradient : gradient;
                }
            }, beta, threshold);
    }
}
