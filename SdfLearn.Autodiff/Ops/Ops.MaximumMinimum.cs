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
        Extremum(nameof(Maximum), a, b, maximum: true);

    /// <summary>
    /// <c>min(a, b)</c> element-wise, broadcasting NumPy-style (NaN propagates). Backward: <c>dA = g</c> where
    /// <c>a &lt;= b</c> and <c>dB = g</c> where <c>a &gt; b</c> — a tie goes to the first argument — each summed over
    /// the dimensions it was broadcast along.
    /// </summary>
    /// <exception cref="Core.ShapeMismatchException">The shapes cannot be broadcast together.</exception>
    public static Variable<T> Minimum<T>(Variable<T> a, Variable<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Extremum(nameof(Minimum), a, b, maximum: false);

    /// <summary>The body of <see cref="Maximum{T}"/> and <see cref="Minimum{T}"/>: the first operand wins ties.</summary>
    private static Variable<T> Extremum<T>(string op, Variable<T> a, Variable<T> b, bool maximum) where T : unmanaged, IFloatingPointIeee754<T> =>
        Zip(op, a, b,
            (av, bv, y) => ExtremumKernel.Forward(av, bv, y, maximum),
            (av, bv, _, g, ga, gb) => ExtremumKernel.Backward(av, bv, g, ga, gb, maximum),
            maximum ? T.Max : T.Min,
            (x, y, _) => (maximum ? x >= y : x <= y) ? (T.One, T.Zero) : (T.Zero, T.One));
}
