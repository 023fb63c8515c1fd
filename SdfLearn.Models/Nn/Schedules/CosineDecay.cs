namespace SdfLearn.Nn.Schedules;

/// <summary>
/// Half a cosine from the base rate at step 0 down to <see cref="MinFactor"/> times it at the last step
/// (PyTorch's <c>CosineAnnealingLR</c> with <c>T_max</c> the run's length).
/// </summary>
/// <param name="MinFactor">The final factor (default 0).</param>
public sealed record CosineDecay(double MinFactor = 0) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Factor(long step, long totalSteps)
    {
        double progress = totalSteps <= 1 ? 0 : Math.Clamp((double)step / (totalSteps - 1), 0, 1);
        return MinFactor + (1 - MinFactor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }

    /// <inheritdoc/>
    public override void Validate()
    {
        if (!(MinFactor >= 0 && MinFactor <= 1)) throw new ArgumentOutOfRangeException(nameof(MinFactor), MinFactor, "The cosine's final factor must be in [0, 1].");
    }
}
