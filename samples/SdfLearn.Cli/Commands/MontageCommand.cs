using System.CommandLine;
using SdfLearn.Cli.Experiments;
using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Cli.Commands;

/// <summary><c>sdflearn montage</c>: MNISTSDF fields as pictures, to look at the data.</summary>
public static class MontageCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "PNG to write.", DefaultValueFactory = _ => "digits.png" };
        var count = new Option<int>("--count") { Description = "How many digits.", DefaultValueFactory = _ => 16 }.AtLeast(1);
        var resolution = new Option<int>("--resolution") { Description = "Field size S.", DefaultValueFactory = _ => 64 }.MustBe(s => s is >= 2 and <= 4096, "between 2 and 4096");
        var mnist = CommonOptions.MnistDirectory();
        var command = new Command("montage", "Draw the first test digits as signed distance pictures with their zero contour.") { output, count, resolution, mnist };
        command.SetAction(result =>
        {
            var (_, _, test, origin) = DataLoading.Load(result.GetValue(mnist), result.GetValue(resolution), trainCount: null, testCount: result.GetValue(count));
            SdfMontage.FromDataset(test, test.Count, columns: 8, title: $"MNISTSDF {result.GetValue(resolution)}², {origin}").SavePng(result.GetValue(output)!);
            Console.WriteLine($"Wrote {result.GetValue(output)}.");
        });
        return command;
    }
}
