using System.CommandLine;
using SdfLearn.Cli.Experiments;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Cli.Commands;

/// <summary><c>sdflearn interpolate</c>: strips between pairs of test digits through the latent space.</summary>
public static class InterpolateCommand
{
    public static Command Create()
    {
        var run = CommonOptions.Run("runs/vae-L32");
        var output = new Option<string>("--out") { Description = "PNG to write.", DefaultValueFactory = _ => "interpolation.png" };
        var from = new Option<int?>("--from") { Description = "Index of the first test digit (default: random pairs)." };
        var to = new Option<int?>("--to") { Description = "Index of the second test digit." };
        var steps = new Option<int>("--steps") { Description = "Pictures per strip, endpoints included.", DefaultValueFactory = _ => 10 }.AtLeast(2);
        var seed = CommonOptions.Seed();
        var mnist = CommonOptions.MnistDirectory();
        var testCount = CommonOptions.TestCount();
        var command = new Command("interpolate", "Decode latents on the line between the codes of two test digits.") { run, output, from, to, steps, seed, mnist, testCount };
        command.SetAction(result =>
        {
            if (result.GetValue(from).HasValue != result.GetValue(to).HasValue)
                throw new ArgumentException("Give both --from and --to, or neither.");
            var model = RunFolder.Load(result.GetValue(run)!);
            var (_, _, test, _) = DataLoading.Load(result.GetValue(mnist), model.Resolution, trainCount: null, testCount: result.GetValue(testCount));
            var pairs = result.GetValue(from) is int a && result.GetValue(to) is int b
                ? [(a, b)]
                : ExperimentRunner.InterpolationPairs(test, result.GetValue(seed));
            RunFigures.SaveInterpolations(result.GetValue(output)!, model, test, pairs, result.GetValue(steps));
            Console.WriteLine($"Wrote {result.GetValue(output)}.");
        });
        return command;
    }
}
