using System.CommandLine;
using SdfLearn.Cli.Experiments;
using SdfLearn.Cli.Reports;
using SdfLearn.Sdf.Training;

namespace SdfLearn.Cli.Commands;

/// <summary><c>sdflearn run</c> (the default): the whole experiment, every model, with a summary table.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var models = new Option<string[]>("--models")
        {
            Description = "Models to train, in order.", DefaultValueFactory = _ => [.. FieldModels.MainKinds], AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string>("--out") { Description = "Folder for the run folders and summary.md.", DefaultValueFactory = _ => "runs" };
        var full = new Option<bool>("--full")
        {
            Description = $"The recipe of the results tables (10 epochs, query points at --points' default) instead of the main job's ({MainJob.Describe()}); --epochs and --points override both.",
        };
        var lanes = new Option<int?>("--lanes")
        {
            Description = "Models trained at the same time, each on one thread until it trains alone (default: one lane per model when there are 2 or more threads "
                + "but no more than models, as on two cores; else 1, one model after another on every thread). The results are the same either way.",
        }.AtLeast(1);
        var recipe = new TrainCommand.RecipeOptions();
        var command = new Command("run",
            "The main job: train the VAE, the DeepSDF VAE and the DeepSDF autoencoder on MNISTSDF, then write pictures, metrics and runs/summary.md.")
        { models, output, full, lanes };
        recipe.AddTo(command);
        command.SetAction(result => Execute(result, result.GetValue(models)!, result.GetValue(output)!, recipe, result.GetValue(full), result.GetValue(lanes)));
        return command;
    }

    public static int Execute(ParseResult result, IReadOnlyList<string> kinds, string outputRoot, TrainCommand.RecipeOptions recipe, bool full = false, int? lanes = null)
    {
        foreach (string kind in kinds)
            if (!FieldModels.Kinds.Contains(kind)) throw new ArgumentException($"--models: unknown model '{kind}'; expected one of: {string.Join(", ", FieldModels.Kinds)}.");
        string Folder(string kind) => Path.Combine(outputRoot, $"{kind}-L{recipe.ModelSettings(result).LatentSize}");
        foreach (string kind in kinds) // every folder before any training, so a second run never overwrites the first's
            RunFolder.RefuseExisting(Folder(kind), $"continue it with 'sdflearn train --model {kind} --out {Folder(kind)} --resume'");
        var cancellation = CommonOptions.StopOnSignal();
        var (train, validation, test, origin) = DataLoading.Load(result.GetValue(recipe.MnistDirectory), result.GetValue(recipe.Resolution),
            result.GetValue(recipe.TrainCount), result.GetValue(recipe.TestCount));
        var jobs = new List<Func<(bool Interrupted, RunMetrics? Metrics)>>();
        int threads = result.GetValue(recipe.Threads);
        // Under mpirun every rank must run the same collectives in the same order: one model at a time.
        // One-thread lanes pay where a model's kernels scale worst, on few threads (docs/training.md): on two cores a lane per
        // model keeps both busy at one thread each until the end; on more cores one model at a time uses them all.
        int laneCount = Job.Communicator.Size > 1 ? 1 : lanes ?? (threads > 1 && threads <= kinds.Count ? kinds.Count : 1);
        foreach (string kind in kinds)
        {
            var settings = FieldModels.SizedFor(kind, recipe.ModelSettings(result), train.Count);
            if (!full && result.GetResult(recipe.Points) is null or { Implicit: true })
                settings = settings with { PointsPerShape = MainJob.PointsPerShape };
            var runSettings = recipe.Settings(result, Folder(kind), kind);
            if (!full && result.GetResult(recipe.Epochs) is null or { Implicit: true })
                runSettings = runSettings with { Epochs = MainJob.EpochsFor(kind, runSettings.Epochs) };
            jobs.Add(() => cancellation.IsCancellationRequested ? (true, null) // stopped: no further model starts
                : ExperimentRunner.Run(kind, settings, runSettings, train, validation, test, origin, cancellation, sideBySide: laneCount > 1));
        }
        var outcomes = TrainingLanes.Run(jobs, laneCount, threads);
        if (outcomes.Any(o => o.Interrupted)) return 130;
        var runs = outcomes.Where(o => o.Metrics is not null).Select(o => o.Metrics!).ToList();
        if (!Job.Leads) return 0;
        string summary = Path.Combine(outputRoot, "summary.md");
        File.WriteAllText(summary, $"# SdfLearn runs\n\nTest set: {origin}, {test.Count} fields.\n\n{SummaryTable.Markdown(runs)}\n{SummaryTable.Pictures(runs)}");
        Console.WriteLine(File.ReadAllText(summary));
        return 0;
    }
}
