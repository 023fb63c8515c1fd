namespace SdfLearn.Sdf.Geometry;

/// <summary>How <see cref="MeshFitter"/> learns one mesh's signed distance field with a DeepSDF decoder.</summary>
public sealed record MeshFitOptions
{
    /// <summary>How the training samples are drawn (count, Gaussian widths, seed).</summary>
    public SdfSamplingOptions Sampling { get; init; } = new();

    /// <summary>Width H of the decoder's hidden layers.</summary>
    public int HiddenWidth { get; init; } = 128;

    /// <summary>Number of hidden layers (the skip connection enters the middle one).</summary>
    public int HiddenLayers { get; init; } = 4;

    /// <summary>Passes over the samples.</summary>
    public int Epochs { get; init; } = 12;

    /// <summary>Samples per optimiser step.</summary>
    public int BatchSize { get; init; } = 4096;

    /// <summary>Adam's initial learning rate; it drops to 30% after 60% of the steps and to 10% after 85%.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Targets are clamped to ±this distance (DeepSDF's δ): only the band near the surface is learnt exactly.</summary>
    public float ClampDistance { get; init; } = 0.1f;

    /// <summary>
    /// Weight λ of the eikonal term λ · mean((|∇ₓf| − 1)²) at each batch's points (<see cref="Losses.SdfLosses.Eikonal{T}"/>),
    /// which asks the field for unit gradient where the clamped targets say nothing (beyond ±δ, where the prediction is
    /// then clamped too); 0, the default, leaves it out (and trains about twice as fast: the term needs a second backward pass through the decoder).
    /// </summary>
    public float EikonalWeight { get; init; }

    /// <summary>
    /// Radius r of the sphere the decoder starts as (SAL's geometric initialisation, <see cref="Architectures.DeepSdfGeometricInit"/>),
    /// in the normalised coordinates (default 0.5); null keeps PyTorch's initialisation. A field that starts near ‖x‖ − r is
    /// small near the surface with unit slope, which the two-sided clamp of the eikonal term needs (docs/geometry.md).
    /// </summary>
    public double? GeometricInitRadius { get; init; } = 0.5;

    /// <summary>Seed of the initial weights and the batch order.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size, count or rate is not positive, the eikonal weight is negative, or the initial radius is not positive.</exception>
    public void Validate()
    {
        FitRecipe.CheckTraining(HiddenWidth, HiddenLayers, Epochs, LearningRate, ClampDistance);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        FitRecipe.CheckEikonalWeight(EikonalWeight);
        FitRecipe.CheckGeometricInitRadius(GeometricInitRadius);
        if (Sampling.Count < BatchSize)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"A batch cannot exceed the {Sampling.Count} samples.");
    }
}
