using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>a - b</c> element-wise, broadcasting NumPy-style. Backward: <c>dA = g</c>, <c>dB = -g</c>, each summed over
    /// the dimensions it was broadcast along.
    /// </summary>
    /// <exception cref="Core.ShapeMismatchException">The shapes cannot be broadcast together.</exception>
    public static Variable<T> Sub<T>(Variable<T> a, Variable<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Zip(nameof(Sub), a, b,
            static (av, bv, y) => TensorPrimitives.Subtract(av, bv, y),
            static (_, _, _, g, ga, gb) =>
            {
                if (!ga.IsEmpty) TensorPrimitives.Add(ga, g, ga);
                if (!gb.IsEmpty) TensorPrimitives.Subtract(gb, g, gb);
            },
            static (x, y) => x - y,
            static (_, _, _) => (T.One, -T.One));
}
