using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SdfLearn.Cli.Experiments;
using SdfLearn.Cli.Reports;
using SdfLearn.Core;
using SdfLearn.Core.IO;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Cli.Commands;

/// <summary>
/// <c>sdflearn evaluate</c>: scores a finished run's evaluated model (its best epoch when kept) on a test set of any
/// size, e.g. all 10,000 t10k digits after a main job that scored the first 1,000.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var run = CommonOptions.Run("runs/vae-L32");
        var count = CommonOptions.TestCount();
        var mnist = CommonOptions.MnistDirectory();
        var threads = CommonOptions.Threads();
        var output = new Option<string?>("--out") { Description = "Also write test_set, test_count, test_mse and test_iou (and the sample fidelity, with --samples) to this JSON file." };
        var samples = new Option<int>("--samples")
        {
            Description = "Also measure how digit-like N generated samples are (prior for a VAE, and the mixture fitted to the training codes) against real test digits; 0 skips.",
            DefaultValueFactory = _ => 0,
        }.AtLeast(0);
        var command = new Command("evaluate", "Score a trained run on the first --test-count test digits: mean squared error and IoU of the inside over the full grid.")
        { run, count, mnist, threads, output, samples };
        command.SetAction(result =>
        {
            string folder = result.GetValue(run)!;
            var model = RunFolder.Load(folder);
            ComputeThreads.MaxThreads = result.GetValue(threads);
            var recipe = File.Exists(RunRecipe.PathIn(folder)) ? RunRecipe.Load(folder) : null;
            int sampleCount = result.GetValue(samples);
            // The training fields are only needed as the samples' references; the run's own count, as it trained on.
            int? trainCount = sampleCount > 0 ? recipe?.TrainCount : 1; // null: all of them
            var (train, _, test, origin) = DataLoading.Load(result.GetValue(mnist), model.Resolution, trainCount, result.GetValue(count));
            // The run's own seed, as its training run evaluated with (it only matters where codes are fitted).
            ulong seed = recipe?.Settings.Seed ?? 0;
            var metrics = Evaluator.Evaluate(model, test, seed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{folder}: {metrics.Count:N0} fields of the {origin}: MSE {metrics.MeanSquaredError:G4}, IoU {metrics.InsideIoU:F4}"));
            var scores = new Dictionary<string, object>
            {
                ["test_set"] = origin, ["test_count"] = metrics.Count, ["test_mse"] = metrics.MeanSquaredError, ["test_iou"] = metrics.InsideIoU,
            };
            if (sampleCount > 0)
            {
                var fidelity = SampleFidelityReport.Measure(model, train, test, sampleCount, seed, model.TrainingLatents(train));
                Console.Write(fidelity.Markdown(train.Count));
                scores["sample_fidelity"] = fidelity;
            }
            if (result.GetValue(output) is { } path)
                AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, scores, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        });
        return command;
    }
}
