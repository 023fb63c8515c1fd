namespace SdfLearn.Sdf.Data;

/// <summary>Settings for <see cref="QuerySampler"/>; the defaults follow DeepSDF, scaled to the unit square of a field.</summary>
public sealed record QueryPointOptions
{
    /// <summary>How points are chosen (default <see cref="QuerySampling.NearSurface"/>).</summary>
    public QuerySampling Sampling { get; init; } = QuerySampling.NearSurface;

    /// <summary>Points per field for Uniform and NearSurface (default 512); Grid always gives S^2.</summary>
    public int PointsPerShape { get; init; } = 512;

    /// <summary>Standard deviation of the wide near-surface noise (default 0.05, DeepSDF's variance 0.0025).</summary>
    public float WideSigma { get; init; } = 0.05f;

    /// <summary>Standard deviation of the narrow near-surface noise (default 0.0158, DeepSDF's variance 0.00025).</summary>
    public float NarrowSigma { get; init; } = 0.0158f;

    /// <summary>Share of near-surface samples drawn uniformly instead (default 0.05).</summary>
    public float UniformFraction { get; init; } = 0.05f;

    /// <summary>The number of points per field at resolution <paramref name="resolution"/>.</summary>
    public int PointCount(int resolution) => Sampling == QuerySampling.Grid ? resolution * resolution : PointsPerShape;

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message names it).</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Sampling))
            throw new ArgumentOutOfRangeException(nameof(Sampling), Sampling, "Unknown sampling.");
        if (PointsPerShape < 1)
            throw new ArgumentOutOfRangeException(nameof(PointsPerShape), PointsPerShape, "PointsPerShape must be at least 1.");
        if (!(WideSigma > 0f) || !(NarrowSigma > 0f))
            throw new ArgumentOutOfRangeException(nameof(WideSigma), "Both noise widths must be positive.");
        if (!(UniformFraction >= 0f && UniformFraction <= 1f))
            throw new ArgumentOutOfRangeException(nameof(UniformFraction), UniformFraction, "UniformFraction must be in [0, 1].");
    }
}
