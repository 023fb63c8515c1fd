using SdfLearn.Nn.Schedules;

namespace SdfLearn.Sdf.Geometry;

/// <summary>The fitters' learning rate: the full rate, 30% of it after 60% of the steps, 10% after 85%.</summary>
internal sealed record FitSchedule : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Factor(long step, long totalSteps)
    {
        double share = (double)step / totalSteps;
        return share < 0.6 ? 1 : share < 0.85 ? 0.3 : 0.1;
    }
}
