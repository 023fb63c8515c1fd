using System.CommandLine;

namespace SdfLearn.Cli.Commands;

/// <summary><c>sdflearn interpolate-shapes --run runs/shapes --from 2 --to 40</c>: decodes evenly spaced codes between two training shapes of a train-shapes run.</summary>
public static class InterpolateShapesCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "A train-shapes run folder.", DefaultValueFactory = _ => "runs/shapes" };
        var from = new Option<int>("--from") { Description = "Index of the first shape.", DefaultValueFactory = _ => 0 };
        var to = new Option<int>("--to") { Description = "Index of the last shape (default: the last, the bunny).", DefaultValueFactory = _ => -1 };
        var frames = new Option<int>("--frames") { Description = "Pictures in the strip.", DefaultValueFactory = _ => 8 };
        var size = new Option<int>("--size") { Description = "Pixels per picture side.", DefaultValueFactory = _ => 160 };
        var output = new Option<string>("--out") { Description = "PNG to write.", DefaultValueFactory = _ => "interpolation.png" };
        var command = new Command("interpolate-shapes", "Decode a strip of codes interpolated between two shapes of a train-shapes run.")
        { run, from, to, frames, size, output };
        command.SetAction(result =>
        {
            var (shapes, model) = ShapeRun.Load(result.GetValue(run)!);
            int first = result.GetValue(from), last = result.GetValue(to) < 0 ? model.ShapeCount - 1 : result.GetValue(to);
            int side = result.GetValue(size);
            if (side < 16) throw new ArgumentException($"--size must be at least 16; got {side}.");
            ShapeRun.Interpolation(model, first, last, result.GetValue(frames), side).SavePng(result.GetValue(output)!);
            Console.WriteLine($"Wrote {result.GetValue(output)}: {shapes.Names[first]} → {shapes.Names[last]}, {result.GetValue(frames)} frames.");
        });
        return command;
    }
}
