namespace SdfLearn.Nn.Schedules;

/// <summary>The rate multiplied by <see cref="Gamma"/> every <see cref="StepSize"/> steps (PyTorch's <c>StepLR</c>).</summary>
/// <param name="StepSize">Steps between decays (at least 1).</param>
/// <param name="Gamma">The multiplier (default 0.1).</param>
public sealed record StepDecay(long StepSize, double Gamma = 0.1) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Factor(long step, long totalSteps) => Math.Pow(Gamma, step / StepSize);

    /// <inheritdoc/>
    public override void Validate()
    {
        if (StepSize < 1) throw new ArgumentOutOfRangeException(nameof(StepSize), StepSize, "The step size of a step decay must be at least 1.");
        if (!(double.IsFinite(Gamma) && Gamma > 0)) throw new ArgumentOutOfRangeException(nameof(Gamma), Gamma, "Gamma must be finite and positive.");
    }
}
