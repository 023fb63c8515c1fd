using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>a + b</c> element-wise, broadcasting NumPy-style (e.g. [N, C] + [C], or + a one-element value).
    /// Backward: each operand receives the output gradient, summed over the dimensions it was broadcast along.
    /// </summary>
    /// <exception cref="Core.ShapeMismatchException">The shapes cannot be broadcast together.</exception>
    public static Variable<T> Add<T>(Variable<T> a, Variable<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Zip(nameof(Add), a, b,
            static (av, bv, y) => TensorPrimitives.Add(av, bv, y),
            static (_, _, _, g, ga, gb) =>
            {
                if (!ga.IsEmpty) TensorPrimitives.Add(ga, g, ga);
                if (!gb.IsEmpty) TensorPrimitives.Add(gb, g, gb);
            },
            static (x, y) => x + y,
            static (_, _, _) => (T.One, T.One));
}
