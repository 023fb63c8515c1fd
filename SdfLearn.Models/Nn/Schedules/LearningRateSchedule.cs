namespace SdfLearn.Nn.Schedules;

/// <summary>
/// A learning-rate schedule (PyTorch's <c>lr_scheduler</c>): a factor on the optimiser's base learning rate for every
/// step, a pure function of the step, so a resumed run gets the same rates. Compose them, e.g.
/// <c>new LinearWarmup(500, new CosineDecay())</c> for warm-up then cosine decay.
/// </summary>
public abstract record LearningRateSchedule
{
    /// <summary>The factor for 0-based step <paramref name="step"/> of a run of <paramref name="totalSteps"/> steps.</summary>
    public abstract double Factor(long step, long totalSteps);

    /// <summary>Checks the schedule's values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (the message names it).</exception>
    public virtual void Validate()
    {
    }
}
