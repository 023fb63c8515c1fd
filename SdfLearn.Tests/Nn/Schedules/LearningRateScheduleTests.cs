using SdfLearn.Nn.Schedules;

namespace SdfLearn.Tests.Nn.Schedules;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Cosine_RunsFromOneToTheFloor()
    {
        var cosine = new CosineDecay(MinFactor: 0.1);
        Assert.Equal(1, cosine.Factor(0, 11), 12);
        Assert.Equal(0.55, cosine.Factor(5, 11), 12);
        Assert.Equal(0.1, cosine.Factor(10, 11), 12);
    }

    [Fact]
    public void Warmup_RampsLinearly_ThenHandsOverCountingFromItsEnd()
    {
        var schedule = new LinearWarmup(4, new StepDecay(StepSize: 2, Gamma: 0.5));
        double[] factors = Enumerable.Range(0, 8).Select(step => schedule.Factor(step, 8)).ToArray();
        Assert.Equal([0.25, 0.5, 0.75, 1, 1, 1, 0.5, 0.5], factors);
    }

    [Fact]
    public void WarmupThenCosine_EndsAtTheCosinesFloor()
    {
        var schedule = new LinearWarmup(10, new CosineDecay());
        Assert.Equal(0.1, schedule.Factor(0, 110), 12);
        Assert.Equal(1, schedule.Factor(10, 110), 12);
        Assert.Equal(0, schedule.Factor(109, 110), 12);
    }

    [Fact]
    public void InvalidValues_AreRefusedByName()
    {
        Assert.Equal("StepSize", Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(0).Validate()).ParamName);
        Assert.Equal("WarmupSteps", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmup(0).Validate()).ParamName);
        Assert.Equal("MinFactor", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmup(5, new CosineDecay(2)).Validate()).ParamName);
    }
}
