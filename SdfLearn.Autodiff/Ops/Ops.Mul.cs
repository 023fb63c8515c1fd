using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>a * b</c> element-wise, broadcasting NumPy-style. Backward: <c>dA = g * b</c>, <c>dB = g * a</c>, each summed
    /// over the dimensions it was broadcast along.
    /// </summary>
    /// <exception cref="Core.ShapeMismatchException">The shapes cannot be broadcast together.</exception>
    public static Variable<T> Mul<T>(Variable<T> a, Variable<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Zip(nameof(Mul), a, b,
            static (av, bv, y) => TensorPrimitives.Multiply(av, bv, y),
            static (av, bv, _, g, ga, gb) =>
            {
                if (!ga.IsEmpty) TensorPrimitives.MultiplyAdd(g, bv, ga, ga);
                if (!gb.IsEmpty) TensorPrimitives.MultiplyAdd(g, av, gb, gb);
            },
            static (x, y) => x * y,
            static (x, y, _) => (y, x));
}
