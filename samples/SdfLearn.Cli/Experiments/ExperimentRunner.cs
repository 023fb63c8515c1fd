using System.Diagnostics;
using SdfLearn.Cli.Reports;
using SdfLearn.Core;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;
using SdfLearn.Nn.Serialization;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Training;
using Spectre.Console;

namespace SdfLearn.Cli.Experiments;

/// <summary>Trains one model and writes everything a run shows: checkpoint, metrics, pictures, loss curves.</summary>
public static class ExperimentRunner
{
    /// <summary>Runs training (or resumes it) and evaluation; returns the metrics, or null when interrupted.</summary>
    public static RunMetrics? Run(ModelSpec spec, RunSettings settings, SdfDataset train, SdfDataset validation, SdfDataset test,
        string testOrigin, CancellationToken cancellation)
    {
        ComputeThreads.MaxThreads = settings.Threads;
        Directory.CreateDirectory(settings.OutputDirectory);
        string Out(string name) => Path.Combine(settings.OutputDirectory, name);
        spec.Save(Out("model.json"));

        var model = spec.Create(settings.Seed);
        if (settings.InitialWeights is not null) LoadInitialWeights(model, settings.InitialWeights);
        var options = new TrainingOptions
        {
            Epochs = settings.Epochs, BatchSize = settings.BatchSize, LearningRate = settings.LearningRate,
            Seed = settings.Seed, GradientClipNorm = settings.GradientClipNorm, CheckpointPath = Out("checkpoint.safetensors"),
        };
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]{spec.Kind}[/], latent {spec.LatentSize}: {model.Module.ParameterCount():N0} parameters, {train.Count:N0} training fields, {settings.Epochs} epochs, batch {settings.BatchSize}, seed {settings.Seed}, {settings.Threads} threads");

        // An auto-decoder would have to fit a code to every validation field each epoch; it is judged on the test set only.
        var validationData = spec.FitsCodes ? null : validation;
        TrainingResult result = ProgressDisplay.Train(model, train, validationData, options, settings.ResumeFrom, cancellation);
        HistoryFile.Save(Out("history.csv"), result.History);
        LossCurvePlot.Save(Out("loss.png"), result.History, spec.Kind);
        if (result.Interrupted)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Interrupted[/]: checkpoint saved to {Out("checkpoint.safetensors")}; continue with --resume.");
            return null;
        }

        var clock = Stopwatch.StartNew();
        var metrics = Evaluator.Evaluate(model, test, settings.Seed);
        RunFigures.SaveReconstructions(Out("reconstructions.png"), model, test);
        var samples = RunFigures.SaveSamples(Out("samples.png"), model, train, settings.Seed);
        RunFigures.SaveInterpolations(Out("interpolation.png"), model, test, InterpolationPairs(test, settings.Seed));
        var run = RunMetrics.From(spec, settings, result, metrics, samples, testOrigin, train.Count, clock.Elapsed.TotalSeconds);
        run.Save(Out("metrics.json"));
        AnsiConsole.MarkupLineInterpolated(
            $"test ({testOrigin}, {metrics.Count:N0} fields): MSE [bold]{metrics.MeanSquaredError:G4}[/], IoU [bold]{metrics.InsideIoU:F4}[/], values {metrics.Reconstructions.ToString()} vs data {metrics.Data.ToString()}; outputs in {settings.OutputDirectory}");
        return run;
    }

    /// <summary>Replaces the model's initial weights with a state dict's; errors name the file.</summary>
    static void LoadInitialWeights(ITrainableSdfModel model, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--init-weights: there is no file at {path}.", path);
        try
        {
            model.Module.LoadSafeTensors(path);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or KeyNotFoundException)
        {
            throw new InvalidDataException($"--init-weights {path} does not fit the {model.Kind} model: {e.Message}", e);
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
