using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// Mean absolute error over all elements (PyTorch's <c>L1Loss</c>, mean reduction), as a one-element rank-0 value:
    /// <c>mean(|prediction - target|)</c>. Composed from <see cref="Sub{T}"/>, <see cref="Abs{T}"/> and
    /// <see cref="Mean{T}(Variable{T})"/>, so its backward is theirs: <c>dPrediction = g sign(prediction - target) / n</c>
    /// (0 where they are equal), and its negation for the target if that requires a gradient.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    public static Variable<T> L1Loss<T>(Variable<T> prediction, Variable<T> target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        ShapeMismatchException.ThrowIfDifferent(nameof(L1Loss), prediction.Shape, target.Shape, "target");
        return Mean(Abs(Sub(prediction, target)));
    }

    /// <summary>
    /// DeepSDF's clamped L1 loss: <c>mean(|clamp(prediction, -delta, delta) - clamp(target, -delta, delta)|)</c>, as a
    /// one-element rank-0 value, so that only distances near the surface matter. Composed from <see cref="Clamp{T}"/>
    /// and <see cref="L1Loss{T}"/>: <c>dPrediction = g sign(cp - ct) / n</c> where <c>-delta &lt;= prediction &lt;= delta</c>
    /// (bounds included), else 0.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive (or is NaN).</exception>
    public static Variable<T> ClampedL1Loss<T>(Variable<T> prediction, Variable<T> target, T delta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (!(delta > T.Zero)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "ClampedL1Loss: delta must be positive.");
        ShapeMismatchException.ThrowIfDifferent(nameof(ClampedL1Loss), prediction.Shape, target.Shape, "target");
        return L1Loss(Clamp(prediction, -delta, delta), Clamp(target, -delta, delta));
    }
}
