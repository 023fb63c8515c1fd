using System.Numerics;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>The mean of all elements, as a one-element rank-0 value. Backward: every element receives <c>g / n</c>.</summary>
    public static Variable<T> Mean<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return ReduceAll(nameof(Mean), x, T.One / T.CreateTruncating(x.Shape.Length));
    }

    /// <summary>
    /// The mean along <paramref name="axis"/> (negative counts from the end), which is removed from the shape unless
    /// <paramref name="keepDims"/>. Backward: each averaged element receives <c>g / count</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the shape.</exception>
    public static Variable<T> Mean<T>(Variable<T> x, int axis, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> =>
        ReduceAxis(nameof(Mean), x, axis, keepDims, mean: true);
}
