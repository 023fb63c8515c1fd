using System.CommandLine;
using SdfLearn.Cli.Experiments;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Cli.Commands;

/// <summary><c>sdflearn reconstruct</c>: test digits above their reconstructions, from a trained run.</summary>
public static class ReconstructCommand
{
    public static Command Create()
    {
        var run = CommonOptions.Run("runs/vae-L32");
        var output = new Option<string>("--out") { Description = "PNG to write.", DefaultValueFactory = _ => "reconstructions.png" };
        var count = new Option<int>("--count") { Description = "How many test digits.", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var resolution = new Option<int>("--resolution") { Description = "Extra row rendered at this resolution (DeepSDF decoders).", DefaultValueFactory = _ => 256 }.AtLeast(2);
        var mnist = CommonOptions.MnistDirectory();
        var command = new Command("reconstruct", "Encode and decode test digits with a trained model; input row above output row.") { run, output, count, resolution, mnist };
        command.SetAction(result =>
        {
            var model = RunFolder.Load(result.GetValue(run)!);
            var (_, _, test, origin) = DataLoading.Load(result.GetValue(mnist), model.Resolution, trainCount: null, testCount: result.GetValue(count));
            RunFigures.SaveReconstructions(result.GetValue(output)!, model, test, result.GetValue(count), result.GetValue(resolution));
            Console.WriteLine($"Wrote {result.GetValue(output)} ({test.Count} digits of the {origin}).");
        });
        return command;
    }
}
