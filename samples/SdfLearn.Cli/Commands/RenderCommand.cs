using System.CommandLine;
using SdfLearn.Cli.Experiments;
using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Cli.Commands;

/// <summary>
/// <c>sdflearn render</c>: test digits decoded by a DeepSDF decoder at any resolution (e.g. 256² from a model trained at
/// 64²), drawn one screen pixel per rendered sample so the smoothness of the zero contour shows.
/// </summary>
public static class RenderCommand
{
    public static Command Create()
    {
        var run = CommonOptions.Run("runs/ae-deepsdf-L32");
        var resolution = new Option<int>("--resolution") { Description = "Rendering resolution R (R x R query points per digit).", DefaultValueFactory = _ => 256 }.AtLeast(2);
        var count = new Option<int>("--count") { Description = "How many test digits.", DefaultValueFactory = _ => 8 }.AtLeast(1);
        var output = new Option<string>("--out") { Description = "PNG to write.", DefaultValueFactory = _ => "render.png" };
        var mnist = CommonOptions.MnistDirectory();
        var command = new Command("render",
            "Render test digits' reconstructions from a DeepSDF run at any resolution, with the zero contour, above the inputs.")
        { run, resolution, count, output, mnist };
        command.SetAction(result =>
        {
            int size = result.GetValue(resolution), digits = result.GetValue(count);
            var model = RunFolder.Load(result.GetValue(run)!);
            if (!model.RendersAnyResolution)
                throw new ArgumentException($"The '{model.Config.Kind}' model decodes only its {model.Resolution}x{model.Resolution} grid; render needs a DeepSDF decoder (vae-deepsdf, ae-deepsdf).");
            var (_, _, test, origin) = DataLoading.Load(result.GetValue(mnist), model.Resolution, trainCount: null, testCount: digits);
            var latents = model.Encode(test.Fields);
            var captions = Enumerable.Range(0, test.Count).Select(i => $"digit {test.Labels[i]}").ToList();
            new SdfMontage
            {
                Title = $"{model.Config.Kind} (L = {model.LatentSize}, trained at {model.Resolution}²) rendered at {size}²",
                CellSize = Math.Clamp(size, 128, 512),
            }
                .AddRow($"input {model.Resolution}²", test.Fields, captions)
                .AddRow($"decoded {size}²", model.Decode(latents, size))
                .SavePng(result.GetValue(output)!);
            Console.WriteLine($"Wrote {result.GetValue(output)}: {test.Count} digits of the {origin} rendered at {size}x{size}.");
        });
        return command;
    }
}
