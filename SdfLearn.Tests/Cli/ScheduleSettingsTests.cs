using SdfLearn.Cli.Experiments;
using SdfLearn.Nn.Schedules;

namespace SdfLearn.Tests.Cli;

public sealed class ScheduleSettingsTests
{
    [Fact]
    public void Epochs_BecomeSteps()
    {
        Assert.Equal(new LinearWarmup(5, new CosineDecay()), new ScheduleSettings("cosine", WarmupEpochs: 0.5).Build(batchesPerEpoch: 10));
        Assert.Equal(new StepDecay(20, 0.5), new ScheduleSettings("step", StepEpochs: 2, Gamma: 0.5).Build(10));
        Assert.Equal(new ConstantRate(), new ScheduleSettings().Build(10));
    }
}
