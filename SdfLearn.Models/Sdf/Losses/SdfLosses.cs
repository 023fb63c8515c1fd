using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;

namespace SdfLearn.Sdf.Losses;

/// <summary>
/// Regularisers on a network's input gradient ∇ₓf (from <see cref="Nn.Layers.Layer{T}.ForwardWithInputGradient"/>), as used
/// to learn SDFs from raw points without distance values (IGR, Gropp et al. 2020; SIREN, Sitzmann et al. 2020). Each
/// returns a one-element rank-0 value built from differentiable ops, so its gradient reaches every parameter.
/// </summary>
public static class SdfLosses
{
    /// <summary>
    /// The eikonal loss <c>mean((|∇ₓf| − 1)²)</c> over the rows of <paramref name="gradient"/> [N, d]: zero exactly when
    /// f has unit gradient, as a signed distance does almost everywhere.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The gradient is not [N, d].</exception>
    public static Variable<T> Eikonal<T>(Variable<T> gradient) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckRows(nameof(Eikonal), gradient);
        return Ops.Mean(Ops.Square(Ops.Sub(RowNorms(gradient), gradient.Tape.Constant(Tensor<T>.Full(T.One, 1)))));
    }

    /// <summary>
    /// IGR's normal term <c>mean(|∇ₓf − n|)</c> over the rows of <paramref name="gradient"/> and the unit
    /// <paramref name="normals"/> [N, d] (outward, where f grows): zero when the gradient at each surface point is its
    /// normal.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes differ or are not [N, d].</exception>
    public static Variable<T> NormalAlignment<T>(Variable<T> gradient, Variable<T> normals) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckRows(nameof(NormalAlignment), gradient);
        ArgumentNullException.ThrowIfNull(normals);
        ShapeMismatchException.ThrowIfDifferent(nameof(NormalAlignment), gradient.Shape, normals.Shape, "normals");
        return Ops.Mean(RowNorms(Ops.Sub(gradient, normals)));
    }

    /// <summary>The surface term <c>mean(|f|)</c> over points that lie on the surface (f [N, 1] or any shape).</summary>
    public static Variable<T> OnSurface<T>(Variable<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Ops.Mean(Ops.Abs(values));

    /// <summary>
    /// The Euclidean norm of each row of v [N, d], as [N]. Squared norms below 1e-12 are clamped there, so that a zero
    /// row (a ReLU network's dead region, a perfectly aligned normal) gets a zero gradient instead of 0 × ∞ = NaN.
    /// </summary>
    private static Variable<T> RowNorms<T>(Variable<T> v) where T : unmanaged, IFloatingPointIeee754<T> =>
        Ops.Sqrt(Ops.Clamp(Ops.Sum(Ops.Square(v), axis: 1), T.CreateTruncating(1e-12), T.PositiveInfinity));

    private static void CheckRows<T>(string loss, Variable<T> gradient) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(gradient);
        if (gradient.Shape.Rank != 2) throw new ShapeMismatchException($"{loss}: expected input gradients [N, d], got {gradient.Shape}.");
    }
}
