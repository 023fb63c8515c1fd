namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// How <see cref="MeshSdfSampler"/> draws SDF samples (DeepSDF's recipe): surface points moved by Gaussian noise of two
/// widths, plus points uniform in the cube [-1, 1]³ around the normalised shape.
/// </summary>
public sealed record SdfSamplingOptions
{
    /// <summary>Total number of samples.</summary>
    public int Count { get; init; } = 500_000;

    /// <summary>The share of near-surface samples, split evenly between the two widths; the rest are uniform.</summary>
    public double NearSurfaceFraction { get; init; } = 0.9;

    /// <summary>The wide perturbation's standard deviation (DeepSDF: variance 0.0025).</summary>
    public float WideSigma { get; init; } = 0.05f;

    /// <summary>The narrow perturbation's standard deviation (DeepSDF: variance 0.00025).</summary>
    public float NarrowSigma { get; init; } = 0.0158f;

    /// <summary>Margin kept between the normalised shape and the unit sphere (see <see cref="SimilarityTransform.IntoUnitSphere"/>).</summary>
    public float Padding { get; init; } = 0.03f;

    /// <summary>The seed: the samples depend only on it and the mesh, not on the thread count.</summary>
    public ulong Seed { get; init; } = 1;
}
