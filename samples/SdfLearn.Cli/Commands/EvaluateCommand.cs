using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SdfLearn.Cli.Experiments;
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
        var output = new Option<string?>("--out") { Description = "Also write test_set, test_count, test_mse and test_iou to this JSON file." };
        var command = new Command("evaluate", "Score a trained run on the first --test-count test digits: mean squared error and IoU of the inside over the full grid.")
        { run, count, mnist, threads, output };
        command.SetAction(result =>
        {
            string folder = result.GetValue(run)!;
            var model = RunFolder.Load(folder);
            ComputeThreads.MaxThreads = result.GetValue(threads);
            var (_, _, test, origin) = DataLoading.Load(result.GetValue(mnist), model.Resolution, trainCount: 1, testCount: result.GetValue(count));
            // The run's own seed, as its training run evaluated with (it only matters where codes are fitted).
            ulong seed = File.Exists(RunRecipe.PathIn(folder)) ? RunRecipe.Load(folder).Settings.Seed : 0;
            var metrics = Evaluator.Evaluate(model, test, seed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{folder}: {metrics.Count:N0} fields of the {origin}: MSE {metrics.MeanSquaredError:G4}, IoU {metrics.InsideIoU:F4}"));
            if (result.GetValue(output) is { } path)
                AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, new Dictionary<string, object>
                {
                    ["test_set"] = origin, ["test_count"] = metrics.Count, ["test_mse"] = metrics.MeanSquaredError, ["test_iou"] = metrics.InsideIoU,
                }, new JsonSerializerOptions { WriteIndented = true }));
        });
        return command;
    }
}
