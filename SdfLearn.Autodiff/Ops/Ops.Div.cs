using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>a / b</c> element-wise, broadcasting NumPy-style. Backward: <c>dA = g / b</c>, <c>dB = -g * a / b^2 = -g * y / b</c>,
    /// each summed over the dimensions it was broadcast along.
    /// </summary>
    /// <exception cref="Core.ShapeMismatchException">The shapes cannot be broadcast together.</exception>
    public static Variable<T> Div<T>(Variable<T> a, Variable<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Zip(nameof(Div), a, b,
            static (av, bv, y) => TensorPrimitives.Divide(av, bv, y),
            static (_, bv, yv, g, ga, gb) =>
            {
                for (int i = 0; i < g.Length; i++)
                {
                    T gOverB = g[i] / bv[i];
                    if (!ga.IsEmpty) ga[i] += gOverB;
                    if (!gb.IsEmpty) gb[i] -= gOverB * yv[i];
                }
            },
            static (x, y) => x / y,
            static (_, y, quotient) => (T.One / y, -quotient / y));
}
