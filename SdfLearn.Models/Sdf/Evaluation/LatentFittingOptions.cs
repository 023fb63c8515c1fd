namespace SdfLearn.Sdf.Evaluation;

/// <summary>
/// Settings of <see cref="LatentFitting"/>, DeepSDF's test-time optimisation: latents start from N(0, 0.01²) and Adam
/// minimises the mean squared error over a shape's points plus <see cref="PriorWeight"/> · ||z||² with the decoder frozen.
/// </summary>
public sealed record LatentFittingOptions
{
    /// <summary>Adam steps per shape (default 300). The learning rate drops tenfold for the second half, as in DeepSDF.</summary>
    public int Steps { get; init; } = 300;

    /// <summary>Adam's learning rate for the first half of the steps (default 1e-2).</summary>
    public double LearningRate { get; init; } = 1e-2;

    /// <summary>Weight λ of the Gaussian prior term λ ||z||² (default 1e-4, DeepSDF's code regularisation).</summary>
    public double PriorWeight { get; init; } = 1e-4;

    /// <summary>
    /// DeepSDF's clamp δ: prediction and target are clamped to [-δ, δ] before the squared error, so points far from the
    /// surface weigh only by their side of it and the fit concentrates on the outline. Null (the default) compares the
    /// raw values, as the training loss does.
    /// </summary>
    public double? ClampDistance { get; init; }

    /// <summary>Standard deviation of the initial latents (default 0.01, as DeepSDF).</summary>
    public double InitialStandardDeviation { get; init; } = 0.01;

    /// <summary>
    /// Share of a field's pixels used as observed points when fitting to fields (default 1: every pixel); e.g. 0.2 keeps
    /// a random 20 %, chosen per shape from <see cref="Seed"/>.
    /// </summary>
    public double PointFraction { get; init; } = 1;

    /// <summary>
    /// Observed points per shape used in each step, drawn afresh at random from the observed ones (as DeepSDF's
    /// reconstruction samples a subset every iteration); null (the default) uses every observed point in every step.
    /// </summary>
    public int? PointsPerStep { get; init; }

    /// <summary>Shapes optimised together in one batch (default 16). Each shape's latent is independent of the others.</summary>
    public int ShapesPerBatch { get; init; } = 16;

    /// <summary>Seed of the initial latents and of the observed points; shape n draws from (seed, n) whatever the batching.</summary>
    public ulong Seed { get; init; }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message names it).</exception>
    public void Validate()
    {
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "At least one step is needed.");
        if (!(double.IsFinite(LearningRate) && LearningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be finite and positive.");
        if (!(double.IsFinite(PriorWeight) && PriorWeight >= 0))
            throw new ArgumentOutOfRangeException(nameof(PriorWeight), PriorWeight, "The prior weight must be finite and non-negative.");
        if (ClampDistance is double clamp && !(double.IsFinite(clamp) && clamp > 0))
            throw new ArgumentOutOfRangeException(nameof(ClampDistance), clamp, "The clamp distance must be finite and positive.");
        if (!(double.IsFinite(InitialStandardDeviation) && InitialStandardDeviation >= 0))
            throw new ArgumentOutOfRangeException(nameof(InitialStandardDeviation), InitialStandardDeviation, "The initial standard deviation must be finite and non-negative.");
        if (!(PointFraction > 0 && PointFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(PointFraction), PointFraction, "The point fraction must be in (0, 1].");
        if (PointsPerStep is < 1)
            throw new ArgumentOutOfRangeException(nameof(PointsPerStep), PointsPerStep, "At least one point per step is needed.");
        if (ShapesPerBatch < 1) throw new ArgumentOutOfRangeException(nameof(ShapesPerBatch), ShapesPerBatch, "At least one shape per batch is needed.");
    }
}
