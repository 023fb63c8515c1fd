using System.CommandLine;
using SdfLearn.Cli.Experiments;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Cli.Commands;

/// <summary><c>sdflearn sample</c>: a grid of fields decoded from random latents.</summary>
public static class SampleCommand
{
    public static Command Create()
    {
        var run = CommonOptions.Run("runs/vae-L32");
        var output = new Option<string>("--out") { Description = "PNG to write.", DefaultValueFactory = _ => "samples.png" };
        var rows = new Option<int>("--rows") { Description = "Rows of samples.", DefaultValueFactory = _ => 4 }.AtLeast(1);
        var columns = new Option<int>("--columns") { Description = "Samples per row.", DefaultValueFactory = _ => 8 }.AtLeast(1);
        var fitted = new Option<bool>("--fitted")
        {
            Description = "Draw a VAE's latents from a Gaussian fitted to its training codes instead of its prior (an autoencoder always does).",
        };
        var mixture = new Option<bool>("--mixture")
        {
            Description = "Draw the latents from a mixture of Gaussians fitted by EM to the training codes (any model).",
        };
        var components = new Option<int>("--components")
        {
            Description = "Components of the --mixture.", DefaultValueFactory = _ => LatentMixture.DefaultComponents,
        }.AtLeast(1);
        var seed = CommonOptions.Seed();
        var mnist = CommonOptions.MnistDirectory();
        var command = new Command("sample",
            "Decode random latents: from the prior for the VAEs (N(0, I), or the mixture learnt or fitted with --prior-components / --fitted-prior; or, with --fitted, a Gaussian fitted to their training codes), from a Gaussian fitted to the training latents for the autoencoder; with --mixture, from a mixture of Gaussians fitted to the training codes.")
        { run, output, rows, columns, fitted, mixture, components, seed, mnist };
        command.Validators.Add(result =>
        {
            if (result.GetValue(fitted) && result.GetValue(mixture)) result.AddError("Give --fitted or --mixture, not both.");
        });
        command.SetAction(result =>
        {
            var model = RunFolder.Load(result.GetValue(run)!);
            var (train, _, _, _) = DataLoading.Load(result.GetValue(mnist), model.Resolution, trainCount: null, testCount: 1);
            LatentSampling? sampling = result.GetValue(mixture) ? LatentSampling.FittedMixture : result.GetValue(fitted) ? LatentSampling.FittedGaussian : null;
            var samples = RunFigures.SaveSamples(result.GetValue(output)!, model, train, result.GetValue(seed), result.GetValue(rows), result.GetValue(columns),
                sampling, result.GetValue(components));
            Console.WriteLine($"Wrote {result.GetValue(output)}: values {ValueSpread.Of(samples.Span)}.");
        });
        return command;
    }
}
