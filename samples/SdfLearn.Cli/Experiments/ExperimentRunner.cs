using System.Diagnostics;
using System.Text.Json;
using SdfLearn.Cli.Reports;
using SdfLearn.Core;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;
using SdfLearn.Sdf.Training;
using Spectre.Console;

namespace SdfLearn.Cli.Experiments;

/// <summary>Trains one model and writes everything a run shows: checkpoint, metrics, pictures, loss curves.</summary>
public static class ExperimentRunner
{
    /// <summary>Samples per source (and real test digits) in a run's sample fidelity: enough for about ±4% on a share, in seconds.</summary>
    public const int FidelitySamples = 128;

    /// <summary>
    /// Runs training (or resumes it) and evaluation; returns whether training was interrupted and the metrics (null
    /// when interrupted). Under mpirun every rank trains its shard of each batch, and rank 0 alone writes files and
    /// evaluates: the other ranks return no metrics. The caller sets <see cref="ComputeThreads.MaxThreads"/>;
    /// <paramref name="sideBySide"/> says other models train at the same time, so progress is reported as plain lines
    /// tagged with the model.
    /// </summary>
    public static (bool Interrupted, RunMetrics? Metrics) Run(string kind, FieldModelConfig modelSettings, RunSettings settings, SdfDataset train, SdfDataset validation,
        SdfDataset test, string testOrigin, CancellationToken cancellation, bool sideBySide = false)
    {
        string Out(string name) => Path.Combine(settings.OutputDirectory, name);
        var model = FieldModels.Create(kind, modelSettings, settings.Seed);
        if (Job.Leads)
        {
            Directory.CreateDirectory(settings.OutputDirectory);
            // A human-readable copy of the config; the checkpoint carries its own and is all a run folder needs.
            File.WriteAllText(Out("model.json"), JsonSerializer.Serialize(new { kind, config = JsonDocument.Parse(model.Config.Json).RootElement },
                new JsonSerializerOptions { WriteIndented = true }));
            new RunRecipe(settings, train.Count, test.Count).Save(settings.OutputDirectory);
        }
        if (settings.InitialWeights is not null) LoadInitialWeights(model, settings.InitialWeights);
        var options = new TrainingOptions
        {
            Epochs = settings.Epochs, Seed = settings.Seed, GradientClipNorm = settings.GradientClipNorm, CheckpointPath = RunFolder.Checkpoint(settings.OutputDirectory),
            Schedule = settings.Schedule.Build(train.Count / settings.BatchSize),
            BestCheckpointPath = settings.KeepBest && !model.FitsCodes ? RunFolder.Best(settings.OutputDirectory) : null,
        };
        if (settings.ResumeFrom is null) File.Delete(RunFolder.Best(settings.OutputDirectory)); // a previous run's best is not this run's
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]{kind}[/], latent {model.LatentSize}: {model.Module.ParameterCount():N0} parameters, {train.Count:N0} training fields, {settings.Epochs} epochs, batch {settings.BatchSize}, seed {settings.Seed}, {settings.Threads} threads{Ranks()}");

        // An auto-decoder would have to fit a code to every validation field each epoch; it is judged on the test set only.
        var trainer = FieldTrainer.Create(model, train, model.FitsCodes ? null : validation, settings.BatchSize,
            new Adam<float>(model.Module.Parameters(), settings.LearningRate), options, Job.Communicator);
        TrainingResult result = ProgressDisplay.Train(trainer, settings.Epochs, settings.ResumeFrom, cancellation, sideBySide ? $"{kind}:" : null);
        if (!Job.Leads) return (result.Interrupted, null);
        HistoryFile.Save(Out("history.csv"), result.History);
        LossCurvePlot.Save(Out("loss.png"), result.History, kind);
        if (result.Interrupted)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Interrupted[/]: checkpoint saved to {options.CheckpointPath}; continue with --resume.");
            return (true, null);
        }

        int selectedEpoch = SelectBest(kind, model, options.BestCheckpointPath, result.History);
        var clock = Stopwatch.StartNew();
        var metrics = Evaluator.Evaluate(model, test, settings.Seed);
        RunFigures.SaveReconstructions(Out("reconstructions.png"), model, test);
        var trainingLatents = model.TrainingLatents(train); // encoded once for the fitted pictures below
        // The prior's and the mixture's draws are decoded once: the pictures show the first of those the fidelity measures.
        int components = Math.Min(LatentMixture.DefaultComponents, train.Count); // a tiny --train-count gets fewer: a mixture needs a code per component
        var priorDraws = model.IsVariational ? RunFigures.Sample(model, train, settings.Seed, FidelitySamples, LatentSampling.Prior) : null;
        var mixtureDraws = RunFigures.Sample(model, train, settings.Seed, FidelitySamples, LatentSampling.FittedMixture, components, trainingLatents);
        var samples = priorDraws is null
            ? RunFigures.SaveSamples(Out("samples.png"), model, train, settings.Seed, fitLatents: trainingLatents)
            : RunFigures.SaveSampleGrid(Out("samples.png"), model, priorDraws, LatentSampling.Prior);
        // A VAE's codes can drift from N(0, I); samples from a Gaussian fitted to them show what the decoder has learnt.
        var fittedSamples = model.IsVariational
            ? RunFigures.SaveSamples(Out("samples-fitted.png"), model, train, settings.Seed, sampling: LatentSampling.FittedGaussian, fitLatents: trainingLatents)
            : null;
        // Codes that fill several separate regions are followed by a mixture where one Gaussian draws between them (docs/likelihood.md).
        var mixtureSamples = RunFigures.SaveSampleGrid(Out("samples-mixture.png"), model, mixtureDraws, LatentSampling.FittedMixture, components);
        var fidelity = SampleFidelityReport.Measure(train, test, priorDraws, mixtureDraws);
        RunFigures.SaveInterpolations(Out("interpolation.png"), model, test, InterpolationPairs(test, settings.Seed));
        var run = RunMetrics.From(kind, model.LatentSize, settings, result, metrics, samples, fittedSamples, mixtureSamples, testOrigin, train.Count, clock.Elapsed.TotalSeconds)
            with { SelectedEpoch = selectedEpoch, SampleFidelity = fidelity };
        run.Save(Out("metrics.json"));
        AnsiConsole.MarkupLineInterpolated(
            $"{kind} test ({testOrigin}, {metrics.Count:N0} fields): MSE [bold]{metrics.MeanSquaredError:G4}[/], IoU [bold]{metrics.InsideIoU:F4}[/], values {metrics.Reconstructions.ToString()} vs data {metrics.Data.ToString()}; outputs in {settings.OutputDirectory}");
        return (false, run);
    }

    /// <summary>", N ranks of batch B/N" when data-parallel, else nothing.</summary>
    private static string Ranks() => Job.Communicator.Size == 1 ? "" : $", {Job.Communicator.Size} ranks (data-parallel)";

    /// <summary>
    /// Loads the weights of the epoch with the lowest validation loss, when the run kept them, and returns that epoch;
    /// otherwise the model keeps the last step's weights and the last epoch is returned.
    /// </summary>
    static int SelectBest(string kind, ISdfFieldModel model, string? bestPath, IReadOnlyList<EpochRecord> history)
    {
        if (bestPath is null || !File.Exists(bestPath)) return history.Count;
        Checkpoint.LoadModel(bestPath, model.Module, model.Config);
        var best = history.Where(e => e.Validation is { } v && !double.IsNaN(v.Total)).MinBy(e => e.Validation!.Total)!;
        AnsiConsole.MarkupLineInterpolated($"{kind}: evaluating epoch {best.Epoch} of {history.Count}, the lowest validation loss ({best.Validation!.Total:G5}).");
        return best.Epoch;
    }

    /// <summary>Replaces the model's initial weights with a state dict's; errors name the file.</summary>
    static void LoadInitialWeights(ISdfFieldModel model, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--init-weights: there is no file at {path}.", path);
        try
        {
            Checkpoint.LoadModel(path, model.Module, model.Config);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"--init-weights {path} does not fit the {model.Config.Kind} model: {e.Message}", e);
        }
        AnsiConsole.MarkupLineInterpolated($"Initial weights from {path}.");
    }

    /// <summary>Pairs of test digits of different classes (when there are any), chosen from the seed.</summary>
    public static List<(int From, int To)> InterpolationPairs(SdfDataset test, ulong seed, int count = 4)
    {
        var random = SeededRandom.Derive(seed, 11);
        var pairs = new List<(int, int)>();
        for (int tries = 0; pairs.Count < count; tries++)
        {
            int a = random.NextInt(test.Count), b = random.NextInt(test.Count);
            if (test.Labels[a] != test.Labels[b] || (tries > 1000 && a != b) || test.Count == 1) pairs.Add((a, b));
        }
        return pairs;
    }
}
