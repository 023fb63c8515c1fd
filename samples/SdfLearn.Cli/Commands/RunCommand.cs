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
        var recipe = new TrainCommand.RecipeOptions();
        var command = new Command("run",
            "The main job: train the VAE, the DeepSDF VAE and the DeepSDF autoencoder on MNISTSDF, then write pictures, metrics and runs/summary.md.")
        { models, output };
        recipe.AddTo(command);
        command.SetAction(result => Execute(result, result.GetValue(models)!, result.GetValue(output)!, recipe));
        return command;
    }

    public static int Execute(ParseResult result, IReadOnlyList<string> kinds, string outputRoot, TrainCommand.RecipeOptions recipe)
    {
        foreach (string kind in kinds)
            if (!FieldModels.Kinds.Contains(kind)) throw new ArgumentException($"--models: unknown model '{kind}'; expected one of: {string.Join(", ", FieldModels.Kinds)}.");
        var cancellation = CommonOptions.CtrlC();
        var (train, validation, test, origin) = DataLoading.Load(result.GetValue(recipe.MnistDirectory), result.GetValue(recipe.Resolution),
            result.GetValue(recipe.TrainCount), result.GetValue(recipe.TestCount));
        var runs = new List<RunMetrics>();
        foreach (string kind in kinds)
        {
            var settings = FieldModels.SizedFor(kind, recipe.ModelSettings(result), train.Count);
            var metrics = ExperimentRunner.Run(kind, settings, recipe.Settings(result, Path.Combine(outputRoot, $"{kind}-L{settings.LatentSize}")),
                train, validation, test, origin, cancellation);
            if (metrics is null) return 130;
            runs.Add(metrics);
        }
        string summary = Path.Combine(outputRoot, "summary.md");
        File.WriteAllText(summary, $"# SdfLearn runs\n\nTest set: {origin}, {test.Count} fields.\n\n{SummaryTable.Markdown(runs)}");
        Console.WriteLine(File.ReadAllText(summary));
        return 0;
    }
}
