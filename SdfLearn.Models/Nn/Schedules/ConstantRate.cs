namespace SdfLearn.Nn.Schedules;

/// <summary>The base learning rate at every step (the default).</summary>
public sealed record ConstantRate : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Factor(long step, long totalSteps) => 1;
}
