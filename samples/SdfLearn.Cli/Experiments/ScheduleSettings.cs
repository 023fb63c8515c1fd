using SdfLearn.Nn.Schedules;

namespace SdfLearn.Cli.Experiments;

/// <summary>The learning-rate schedule as the command line gives it, in epochs; <see cref="Build"/> turns it into steps.</summary>
/// <param name="Kind">constant, step or cosine.</param>
/// <param name="WarmupEpochs">Epochs of linear warm-up before it (0 for none).</param>
/// <param name="StepEpochs">For step: epochs between decays.</param>
/// <param name="Gamma">For step: the factor of each decay.</param>
public sealed record ScheduleSettings(string Kind = "constant", double WarmupEpochs = 0, double StepEpochs = 1, double Gamma = 0.1)
{
    /// <summary>The schedule kinds --lr-schedule accepts.</summary>
    public static readonly string[] Kinds = ["constant", "step", "cosine"];

    /// <summary>The schedule for <paramref name="batchesPerEpoch"/> steps an epoch.</summary>
    public LearningRateSchedule Build(int batchesPerEpoch)
    {
        LearningRateSchedule main = Kind switch
        {
            "cosine" => new CosineDecay(),
            "step" => new StepDecay(Math.Max(1, (long)Math.Round(StepEpochs * batchesPerEpoch)), Gamma),
            _ => new ConstantRate(),
        };
        long warmup = (long)Math.Round(WarmupEpochs * batchesPerEpoch);
        return warmup > 0 ? new LinearWarmup(warmup, main) : main;
    }
}
