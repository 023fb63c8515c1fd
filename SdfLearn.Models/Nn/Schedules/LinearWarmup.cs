namespace SdfLearn.Nn.Schedules;

/// <summary>
/// A linear ramp over the first <see cref="WarmupSteps"/> steps (factor (step + 1) / warm-up, so the first step is not
/// wasted), then <see cref="Then"/> over the remaining steps, counted from the end of the warm-up.
/// </summary>
/// <param name="WarmupSteps">Steps of ramp (at least 1).</param>
/// <param name="Then">The schedule after the warm-up (default constant).</param>
public sealed record LinearWarmup(long WarmupSteps, LearningRateSchedule? Then = null) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Factor(long step, long totalSteps) =>
        step < WarmupSteps ? (step + 1.0) / WarmupSteps : (Then ?? new ConstantRate()).Factor(step - WarmupSteps, totalSteps - WarmupSteps);

    /// <inheritdoc/>
    public override void Validate()
    {
        if (WarmupSteps < 1) throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, "A warm-up must last at least 1 step.");
        Then?.Validate();
    }
}
