using SdfLearn.Core;
using System.CommandLine;
using System.Globalization;
using System.Text;
using SdfLearn.Cli.Experiments;
using SdfLearn.Cli.Reports;
using SdfLearn.Nn.Serialization;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Training;

namespace SdfLearn.Cli.Commands;

/// <summary>
/// <c>sdflearn latent-study</c>: trains one model per latent size with the same recipe (each into its own run folder)
/// and compares them: study.csv, study.md and study.png (test MSE and IoU against latent size, log2 axis).
/// </summary>
public static class LatentStudyCommand
{
    public static Command Create()
    {
        var sizes = new Option<string>("--sizes") { Description = "Latent sizes, comma-separated.", DefaultValueFactory = _ => "2,4,8,16,32,64" };
        var model = new Option<string>("--model") { Description = "Which model to train at each size.", DefaultValueFactory = _ => "ae-deepsdf" };
        model.AcceptOnlyFromAmong([.. FieldModels.Kinds]);
        var output = new Option<string>("--out") { Description = "Folder for the runs (L<n>/) and the study files.", DefaultValueFactory = _ => Path.Combine("runs", "latent-study") };
        var recipe = new TrainCommand.RecipeOptions();
        var command = new Command("latent-study", "Train the model at several latent sizes and plot test MSE and IoU against the latent size.")
        { sizes, model, output };
        recipe.AddTo(command);
        command.Options.Remove(recipe.Latent); // the study sets it
        command.SetAction(result =>
        {
            var latentSizes = ParseSizes(result.GetValue(sizes)!);
            string kind = result.GetValue(model)!, folder = result.GetValue(output)!;
            var cancellation = CommonOptions.StopOnSignal();
            var (train, validation, test, origin) = DataLoading.Load(result.GetValue(recipe.MnistDirectory), result.GetValue(recipe.Resolution),
                result.GetValue(recipe.TrainCount), result.GetValue(recipe.TestCount));
            var runs = new List<RunMetrics>();
            foreach (int size in latentSizes)
            {
                var model = ModelConfig.Of(kind, FieldModels.SizedFor(kind, recipe.ModelSettings(result) with { LatentSize = size }, train.Count));
                string runFolder = Path.Combine(folder, $"L{size}");
                var settings = recipe.Settings(result, runFolder, kind);
                ComputeThreads.MaxThreads = settings.Threads;
                var metrics = Finished(runFolder, model, settings)
                    ?? ExperimentRunner.Run(kind, model.Read<FieldModelConfig>("the study's settings"), settings with { ResumeFrom = Resumable(runFolder, model) },
                        train, validation, test, origin, cancellation).Metrics; // null: interrupted (the study runs in one process)
                if (metrics is null) return 130;
                runs.Add(metrics);
            }
            File.WriteAllText(Path.Combine(folder, "study.csv"), Csv(runs));
            File.WriteAllText(Path.Combine(folder, "study.md"),
                $"# Latent-size study: {kind}\n\nTest set: {origin}, {test.Count} fields; {train.Count} training fields. Plot: study.png.\n\n{SummaryTable.Markdown(runs)}");
            SavePlot(Path.Combine(folder, "study.png"), runs, kind);
            Console.WriteLine(File.ReadAllText(Path.Combine(folder, "study.md")));
            return 0;
        });
        return command;
    }

    /// <summary>The metrics of a run that already finished with this model and epoch count (so a rerun continues the study), or null.</summary>
    private static RunMetrics? Finished(string runFolder, ModelConfig model, RunSettings settings)
    {
        string metrics = Path.Combine(runFolder, "metrics.json");
        if (!File.Exists(metrics) || Resumable(runFolder, model) is null) return null;
        RunMetrics run;
        try
        {
            run = RunMetrics.Load(metrics);
        }
        catch (InvalidDataException)
        {
            return null; // an older metrics file: resuming from the finished checkpoint re-evaluates the run
        }
        if (run.Epochs != settings.Epochs || run.Seed != settings.Seed) return null;
        Console.WriteLine($"L = {run.LatentSize}: reusing the finished run in {runFolder} (delete it to train again).");
        return run;
    }

    /// <summary>The checkpoint of an earlier (possibly interrupted) run of the same model, to resume from, or null.</summary>
    private static string? Resumable(string runFolder, ModelConfig model)
    {
        string checkpoint = RunFolder.Checkpoint(runFolder);
        return File.Exists(checkpoint) && Checkpoint.ReadConfig(checkpoint) == model ? checkpoint : null;
    }

    private static int[] ParseSizes(string text)
    {
        var sizes = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int size) || size < 1)
                throw new ArgumentException($"--sizes: '{part}' is not a positive whole number (expected e.g. 2,4,8,16).");
            sizes.Add(size);
        }
        if (sizes.Count == 0) throw new ArgumentException("--sizes: give at least one latent size.");
        return sizes.Distinct().Order().ToArray();
    }

    private static string Csv(IEnumerable<RunMetrics> runs)
    {
        var csv = new StringBuilder("latent_size,test_mse,test_iou,seconds_per_epoch,epochs\n");
        foreach (var r in runs)
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{r.LatentSize},{r.TestMse:R},{r.TestIou:R},{r.SecondsPerEpoch:R},{r.Epochs}"));
        return csv.ToString();
    }

    /// <summary>Test MSE (left axis, from 0) and IoU (right axis, 0 to 1) against the latent size on a log2 axis.</summary>
    private static void SavePlot(string path, IReadOnlyList<RunMetrics> runs, string kind)
    {
        var plot = new ScottPlot.Plot();
        double[] x = runs.Select(r => Math.Log2(r.LatentSize)).ToArray();
        var mse = plot.Add.Scatter(x, runs.Select(r => r.TestMse).ToArray());
        mse.LegendText = "test MSE (left axis)";
        mse.MarkerShape = ScottPlot.MarkerShape.FilledCircle;
        var iou = plot.Add.Scatter(x, runs.Select(r => r.TestIou).ToArray());
        iou.LegendText = "test IoU (right axis)";
        iou.MarkerShape = ScottPlot.MarkerShape.FilledSquare;
        iou.LinePattern = ScottPlot.LinePattern.Dashed;
        iou.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(x, runs.Select(r => r.LatentSize.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimitsY(0, 1.1 * runs.Max(r => r.TestMse), plot.Axes.Left);
        plot.Axes.SetLimitsY(0, 1, plot.Axes.Right);
        plot.Title($"{kind}: test error against latent size");
        plot.XLabel("latent size L (log2 scale)");
        plot.Axes.Left.Label.Text = "MSE (SDF units²)";
        plot.Axes.Right.Label.Text = "IoU of the inside";
        plot.ShowLegend();
        plot.SavePng(path, 900, 540);
    }
}
