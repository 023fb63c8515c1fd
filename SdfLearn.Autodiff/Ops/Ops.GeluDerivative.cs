using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// The derivative of <see cref="Gelu{T}"/> as a differentiable value, for input gradients carried through a network
    /// (a layer's <see cref="Pullback{T}"/>). Exact form: <c>y = Phi(x) + x phi(x)</c>, backward <c>dX = g phi(x) (2 - x^2)</c>. Tanh form,
    /// with <c>w = 2 sqrt(2/pi) (x + 0.044715 x^3)</c> and <c>s = sigmoid(w)</c>: <c>y = s + x s (1 - s) w'</c>, backward
    /// <c>dX = g s (1 - s) (2 w' + x ((1 - 2 s) w'^2 + w''))</c>.
    /// </summary>
    public static Variable<T> GeluDerivative<T>(Variable<T> x, GeluApproximation approximation = GeluApproximation.Exact)
        where T : unmanaged, IFloatingPointIeee754<T> => approximation switch
        {
            GeluApproximation.Tanh => Elementwise(nameof(GeluDerivative), x,
                static (xs, ys, _, _) => { for (int i = 0; i < xs.Length; i++) ys[i] = GeluTanhSlopes(xs[i]).First; },
                static (xs, _, gy, gx, add, _, _) =>
                {
                    for (int i = 0; i < xs.Length; i++)
                    {
                        T gradient = GeluTanhSlopes(xs[i]).Second * gy[i];
                        gx[i] = add ? gx[i] + gradient : gradient;
                    }
                }),
            GeluApproximation.Exact => Elementwise(nameof(GeluDerivative), x,
                static (xs, ys, _, _) =>
                {
                    T invSqrtTwo = T.One / T.Sqrt(T.CreateTruncating(2.0)), half = T.CreateTruncating(0.5);
                    for (int i = 0; i < xs.Length; i++)
                        ys[i] = half * (T.One + ErfKernel.Evaluate(xs[i] * invSqrtTwo)) + xs[i] * NormalDensity(xs[i]);
                },
                static (xs, _, gy, gx, add, _, _) =>
                {
                    T two = T.CreateTruncating(2.0);
                    for (int i = 0; i < xs.Length; i++)
                    {
                        T gradient = NormalDensity(xs[i]) * (two - xs[i] * xs[i]) * gy[i];
                        gx[i] = add ? gx[i] + gradient : gradient;
                    }
                }),
            _ => throw new ArgumentOutOfRangeException(nameof(approximation), approximation, "Unknown GELU approximation."),
        };

    /// <summary>The first and second derivatives of the tanh-approximated GELU at <paramref name="x"/>.</summary>
    private static (T First, T Second) GeluTanhSlopes<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T linear = T.CreateTruncating(2 * Math.Sqrt(2.0 / Math.PI)), cubic = linear * T.CreateTruncating(0.044715);
        T three = T.CreateTruncating(3.0), six = T.CreateTruncating(6.0), two = T.CreateTruncating(2.0);
        T w = x * (linear + cubic * x * x), dw = linear + three * cubic * x * x, d2w = six * cubic * x;
        T s = T.One / (T.One + T.Exp(-w)), ds = s * (T.One - s);
        return (s + x * ds * dw, ds * (two * dw + x * ((T.One - two * s) * dw * dw + d2w)));
    }

    /// <summary>The standard normal density <c>exp(-x^2 / 2) / sqrt(2 pi)</c>.</summary>
    private static T NormalDensity<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.Exp(-x * x / T.CreateTruncating(2.0)) / T.Sqrt(T.CreateTruncating(2 * Math.PI));
}
