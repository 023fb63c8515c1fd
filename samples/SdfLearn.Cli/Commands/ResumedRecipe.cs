using System.CommandLine;
using System.Globalization;
using SdfLearn.Cli.Experiments;
using SdfLearn.Sdf.Training;
using Spectre.Console;

namespace SdfLearn.Cli.Commands;

/// <summary>
/// What <c>train --resume</c> continues with: the run's own recipe (its <c>recipe.json</c> and the checkpoint's model
/// config). An option not given takes the run's value; a given recipe option that differs is refused, since the result
/// would match neither recipe; <c>--epochs</c> and <c>--threads</c> may change, and the app says what that does.
/// </summary>
public static class ResumedRecipe
{
    /// <summary>The recipe to continue the run in <paramref name="folder"/> with (<c>--test-count</c>, which changes only the evaluation, may be given anew).</summary>
    /// <exception cref="ArgumentException">Given options differ from the run's (the message names each, with both values).</exception>
    public static RunRecipe Check(ParseResult result, TrainCommand.RecipeOptions options, FieldModelConfig model, RunRecipe run, string folder)
    {
        var used = run.Settings;
        var schedule = used.Schedule;
        var differences = new List<string>();
        void Keep<T>(Option<T> option, T value)
        {
            if (Given(result, option) && !EqualityComparer<T>.Default.Equals(result.GetValue(option), value))
                differences.Add($"{option.Name}: the run used {Text(value)}, given {Text(result.GetValue(option))}");
        }
        Keep(options.BatchSize, used.BatchSize);
        Keep(options.LearningRate, used.LearningRate);
        Keep(options.LrSchedule, schedule.Kind);
        Keep(options.Warmup, schedule.WarmupEpochs);
        Keep(options.LrStep, schedule.StepEpochs);
        Keep(options.LrGamma, schedule.Gamma);
        Keep(options.Seed, used.Seed);
        Keep(options.Clip, used.GradientClipNorm);
        Keep(options.TrainCount, run.TrainCount);
        Keep(options.LastEpoch, !used.KeepBest);
        Keep(options.Latent, model.LatentSize);
        Keep(options.Beta, model.Beta);
        Keep(options.KlWarmup, model.KlWarmupEpochs);
        Keep(options.Likelihood, model.Likelihood);
        Keep(options.Sigma, model.Sigma);
        Keep(options.PriorMatching, model.PriorMatching);
        Keep(options.PriorComponents, model.PriorComponents);
        Keep(options.FittedPrior, model.FittedPrior);
        Keep(options.Reconstruction, model.Reconstruction);
        Keep(options.AeLoss, model.AutoencoderLoss);
        Keep(options.Points, model.PointsPerShape);
        Keep(options.UniformFraction, model.UniformFraction);
        Keep(options.Hidden, model.HiddenWidth);
        Keep(options.Channels, model.Channels);
        Keep(options.Resolution, model.Resolution);
        if (differences.Count > 0)
            throw new ArgumentException($"--resume: {string.Join("; ", differences)}. Drop {(differences.Count == 1 ? "that option" : "those options")} "
                + "to continue with the run's values, or start a new run with another --out.");

        int epochs = Given(result, options.Epochs) ? result.GetValue(options.Epochs) : used.Epochs;
        int threads = Given(result, options.Threads) ? result.GetValue(options.Threads) : used.Threads;
        if (epochs != used.Epochs)
            AnsiConsole.MarkupLineInterpolated($"--epochs {epochs}: the run was to train {used.Epochs} epochs; it now trains to {epochs}, and its learning-rate schedule is stretched to the new length from here on.");
        if (threads != used.Threads)
            AnsiConsole.MarkupLineInterpolated($"--threads {threads}: the run used {used.Threads}; results are deterministic per thread count, so from here on they may differ in the last bits from the run's.");
        int testCount = Given(result, options.TestCount) ? result.GetValue(options.TestCount) : run.TestCount;
        return new RunRecipe(used with { OutputDirectory = folder, Epochs = epochs, Threads = threads }, run.TrainCount, testCount);
    }

    private static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static string Text<T>(T value) => value is null ? "none" : Convert.ToString(value, CultureInfo.InvariantCulture)!;
}
