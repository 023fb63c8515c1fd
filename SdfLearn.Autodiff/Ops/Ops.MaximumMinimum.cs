using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>max(a, b)</c> element-wise, broadcasting NumPy-style (NaN propagates). Backward: <c>dA = g</c> where
    /// <c>a &gt;= b</c> and <c>dB = g</c> where <c>a &lt; b</c> — a tie goes to the first argument — each summed over
    /// the dimensions it was broadcast along.
    /// </summary>
    /// <exception cref="Core.ShapeMismatchException">The shapes cannot be broadcast together.</exception>
    public static Variable<T> Maximum<T>(Variable<T> a, Variable<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Zip(nameof(Maximum), a, b,
            static (av, bv, y) => ExtremumKernel.Forward(av, bv, y, maximum: true),
            static (av, bv, _, g, ga, gb) => ExtremumKernel.Backward(av, bv, g, ga, gb, maximum: true),
            static (x, y) => T.Max(x, y),
            static (x, y, _) => x >= y ? (T.One, T.Zero) : (T.Zero, T.One));

    /// <summary>
    /// <c>min(a, b)</c> element-wise, broadcasting NumPy-style (NaN propagates). Backward: <c>dA = g</c> where
    /// <c>a &lt;= b</c> and <c>dB = g</c> where <c>a &gt; b</c> — a tie goes to the first argument — each summed over
    /// the dimensions it was broadcast along.
    /// </summary>
    /// <exception cref="Core.ShapeMismatchException">The shapes cannot be broadcast together.</exception>
    public static Variable<T> Minimum<T>(Variable<T> a, Variable<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Zip(nameof(Minimum), a, b,
            static (av, bv, y) => ExtremumKernel.Forward(av, bv, y, maximum: false),
            static (av, bv, _, g, ga, gb) => ExtremumKernel.Backward(av, bv, g, ga, gb, maximum: false),
            static (x, y) => T.Min(x, y),
            static (x, y, _) => x <= y ? (T.One, T.Zero) : (T.Zero, T.One));
}
