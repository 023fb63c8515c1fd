using System.Numerics;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// The derivative of tanh as a differentiable value, <c>y = 1 - tanh(x)^2</c>, for input gradients carried through a
    /// network (a layer's <see cref="Pullback{T}"/>). Backward (tanh's second derivative): <c>dX = g * (-2 tanh(x) y)</c>.
    /// </summary>
    public static Variable<T> TanhDerivative<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(TanhDerivative), x,
            static (xs, ys, _, _) =>
            {
                for (int i = 0; i < xs.Length; i++)
                {
                    T t = T.Tanh(xs[i]);
                    ys[i] = T.One - t * t;
                }
            },
            static (xs, ys, gy, gx, add, _, _) =>
            {
                T minusTwo = -(T.One + T.One);
                for (int i = 0; i < xs.Length; i++)
                {
                    T gradient = minusTwo * T.Tanh(xs[i]) * ys[i] * gy[i];
                    gx[i] = add ? gx[i] + gradient : gradient;
                }
            });
}
