namespace SdfLearn.Sdf.Geometry;

/// <summary>How <see cref="ShapeCollectionFitter"/> trains a DeepSDF auto-decoder over a collection of shapes.</summary>
public sealed record ShapeCollectionFitOptions
{
    /// <summary>SDF samples drawn per shape (DeepSDF recipe; the count is per shape).</summary>
    public SdfSamplingOptions Sampling { get; init; } = new() { Count = 16384 };

    /// <summary>Latent size L.</summary>
    public int LatentSize { get; init; } = 16;

    /// <summary>Width H of the decoder's hidden layers.</summary>
    public int HiddenWidth { get; init; } = 128;

    /// <summary>Number of hidden layers.</summary>
    public int HiddenLayers { get; init; } = 4;

    /// <summary>Passes over the shapes.</summary>
    public int Epochs { get; init; } = 400;

    /// <summary>Shapes per optimiser step.</summary>
    public int ShapesPerBatch { get; init; } = 8;

    /// <summary>Samples of each shape per step (a fresh random subset).</summary>
    public int PointsPerShape { get; init; } = 512;

    /// <summary>Adam's initial learning rate (decoder and codes); 30% after 60% of the steps, 10% after 85%.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Weight of the codes' squared norm in the loss (DeepSDF's prior on the codes).</summary>
    public float CodeRegularization { get; init; } = 1e-4f;

    /// <summary>Targets are clamped to ±this distance.</summary>
    public float ClampDistance { get; init; } = 0.1f;

    /// <summary>
    /// Weight λ of the eikonal term λ · mean((|∇ₓf| − 1)²) at each batch's points, as in <see cref="MeshFitOptions.EikonalWeight"/>
    /// (the prediction is then clamped to ±<see cref="ClampDistance"/> too). The default 0.001, with the geometric
    /// initialisation, makes the fields about four times closer to distances than 0 does, for an equal or smaller data loss
    /// and bunny error (docs/geometry.md); 0 leaves the term out and trains about twice as fast.
    /// </summary>
    public float EikonalWeight { get; init; } = 0.001f;

    /// <summary>
    /// Radius r of the sphere the decoder starts as, in each shape's unit-sphere frame (default 0.5), as in
    /// <see cref="MeshFitOptions.GeometricInitRadius"/>; null keeps PyTorch's initialisation.
    /// </summary>
    public double? GeometricInitRadius { get; init; } = 0.5;

    /// <summary>Seed of the weights, codes and batch order.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size, count or rate is not positive, more points per step than samples, a negative eikonal weight, or an initial radius that is not positive.</exception>
    public void Validate()
    {
        FitRecipe.CheckTraining(HiddenWidth, HiddenLayers, Epochs, LearningRate, ClampDistance);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LatentSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ShapesPerBatch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(PointsPerShape);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PointsPerShape, Sampling.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(CodeRegularization);
        FitRecipe.CheckEikonalWeight(EikonalWeight);
        FitRecipe.CheckGeometricInitRadius(GeometricInitRadius);
    }
}
