namespace SdfLearn.Autodiff;

/// <summary>
/// Settings of <see cref="GradientCheck"/>. The defaults suit double precision; in float use a step near 1e-2 and a
/// relative tolerance near 1e-2.
/// </summary>
public sealed record GradientCheckOptions
{
    /// <summary>The central-difference step h: <c>(f(x + h) - f(x - h)) / 2h</c>. Default 1e-5.</summary>
    public double Step { get; init; } = 1e-5;

    /// <summary>The largest relative error (see <see cref="AbsoluteTolerance"/>) an element may have. Default 1e-6.</summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>
    /// Gradients smaller than <c>AbsoluteTolerance / RelativeTolerance</c> are judged on absolute error instead, since
    /// finite differences cannot resolve them relatively: an element passes when
    /// <c>|analytic - numerical| &lt;= AbsoluteTolerance + RelativeTolerance * max(|analytic|, |numerical|)</c>, roughly.
    /// Default 1e-9.
    /// </summary>
    public double AbsoluteTolerance { get; init; } = 1e-9;

    /// <summary>
    /// At most this many elements of each tensor are checked (two loss evaluations each); larger tensors get a seeded
    /// random sample. Default 256.
    /// </summary>
    public int MaxElementsPerTensor { get; init; } = 256;

    /// <summary>Seed of the sample of elements checked in large tensors.</summary>
    public ulong Seed { get; init; } = 1;
}
