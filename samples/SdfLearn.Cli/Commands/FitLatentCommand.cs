using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SdfLearn.Cli.Experiments;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Training;
using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Cli.Commands;

/// <summary>
/// <c>sdflearn fit-latent</c>: the done-criterion of test-time optimisation. For held-out digits it compares the
/// encoder's reconstruction with reconstructions from latents fitted to a random share of each digit's pixels (and to
/// all of them), with the decoder frozen, and writes a picture and the numbers (JSON and markdown).
/// </summary>
public static class FitLatentCommand
{
    /// <summary>The IoU and MSE of one way of getting latents, per digit and on average.</summary>
    public sealed record Method(string Name, double MeanIou, double Mse, double Seconds, double[] Iou);

    /// <summary>What fit-latent.json holds.</summary>
    public sealed record Report(string Run, string Model, int LatentSize, string TestSet, int Count, double Fraction, int Steps,
        int? PointsPerStep, double? ClampDistance, double LearningRate, double PriorWeight, double Margin, double IouGap, bool WithinMargin, byte[] Labels, IReadOnlyList<Method> Methods);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var run = CommonOptions.Run("runs/ae-deepsdf-L32");
        var fraction = new Option<double>("--fraction") { Description = "Share of each digit's pixels observed by the partial fit.", DefaultValueFactory = _ => 0.2 }.MustBe(f => f > 0 && f <= 1, "above 0 and at most 1");
        var count = new Option<int>("--count") { Description = "How many test digits (from the start of the test set).", DefaultValueFactory = _ => 16 }.AtLeast(1);
        var steps = new Option<int>("--steps") { Description = "Adam steps per digit (the rate drops tenfold halfway).", DefaultValueFactory = _ => 300 }.AtLeast(1);
        var rate = new Option<double>("--lr") { Description = "Adam learning rate of the latent.", DefaultValueFactory = _ => 5e-2 }.Positive();
        var perStep = new Option<int?>("--points-per-step")
        {
            Description = "Observed points per digit used in each step, drawn afresh (DeepSDF's subsampling); 0 for all of them.", DefaultValueFactory = _ => 1024,
        };
        var clamp = new Option<double>("--clamp")
        {
            Description = "DeepSDF's clamp δ on predicted and true distances in the fitting loss, so the outline rather than the far field decides (0: plain MSE).",
            DefaultValueFactory = _ => 0.03,
        };
        var prior = new Option<double>("--prior") { Description = "Weight of the Gaussian prior term λ ||z||².", DefaultValueFactory = _ => 1e-4 }.NonNegative();
        var margin = new Option<double>("--margin") { Description = "IoU margin the partial fit must stay within, below the encoder.", DefaultValueFactory = _ => 0.05 };
        var skipFull = new Option<bool>("--skip-full") { Description = "Skip the fit to all pixels (the slowest part)." };
        var output = new Option<string?>("--out") { Description = "Folder for fit-latent.png/.json/.md (default: <run>/fit-latent)." };
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var mnist = CommonOptions.MnistDirectory();
        var command = new Command("fit-latent",
            "Fit latents of test digits to a share of their pixels with the decoder frozen (DeepSDF's test-time optimisation) and compare with the encoder.")
        { run, fraction, count, steps, rate, perStep, clamp, prior, margin, skipFull, output, seed, threads, mnist };
        command.SetAction(result =>
        {
            ComputeThreads.MaxThreads = result.GetValue(threads);
            string folder = result.GetValue(run)!;
            var model = RunFolder.Load(folder);
            var decoder = DecoderOf(model);
            var (_, _, test, origin) = DataLoading.Load(result.GetValue(mnist), model.Resolution, trainCount: null, testCount: result.GetValue(count));
            var options = new LatentFittingOptions
            {
                Steps = result.GetValue(steps), LearningRate = result.GetValue(rate), PriorWeight = result.GetValue(prior),
                PointFraction = result.GetValue(fraction), Seed = result.GetValue(seed),
                PointsPerStep = result.GetValue(perStep) is int n && n > 0 ? n : null,
                ClampDistance = result.GetValue(clamp) is var limit && limit > 0 ? limit : null,
            };
            options.Validate();

            string share = $"{options.PointFraction:0.##%}";
            var methods = new List<(Method Numbers, Tensor<float> Fields)>
            {
                Measure("encoder", test, model, () => model.Encode(test.Fields)),
                Measure($"fitted to {share} of the pixels", test, model, () => LatentFitting.FitToFields(decoder, test.Fields, options)),
            };
            if (!result.GetValue(skipFull))
                methods.Add(Measure("fitted to all pixels", test, model, () => LatentFitting.FitToFields(decoder, test.Fields, options with { PointFraction = 1 })));

            double gap = methods[1].Numbers.MeanIou - methods[0].Numbers.MeanIou;
            var report = new Report(folder, model.Config.Kind, model.LatentSize, origin, test.Count, options.PointFraction, options.Steps, options.PointsPerStep, options.ClampDistance, options.LearningRate,
                options.PriorWeight, result.GetValue(margin), gap, gap >= -result.GetValue(margin), test.Labels, methods.Select(m => m.Numbers).ToList());

            string outFolder = result.GetValue(output) ?? Path.Combine(folder, "fit-latent");
            Directory.CreateDirectory(outFolder);
            SavePicture(Path.Combine(outFolder, "fit-latent.png"), report, test, options, methods);
            File.WriteAllText(Path.Combine(outFolder, "fit-latent.json"), JsonSerializer.Serialize(report, Json));
            string markdown = Markdown(report);
            File.WriteAllText(Path.Combine(outFolder, "fit-latent.md"), markdown);
            Console.WriteLine(markdown);
            Console.WriteLine($"Wrote fit-latent.png, .json and .md to {outFolder}.");
        });
        return command;
    }

    /// <summary>The DeepSDF decoder of a model, for fitting its latents.</summary>
    private static DeepSdfDecoder<float> DecoderOf(ISdfFieldModel model) => model.PointDecoder
        ?? throw new ArgumentException($"fit-latent needs a DeepSDF decoder (an ae-deepsdf or vae-deepsdf run); this run is '{model.Config.Kind}'.");

    private static (Method, Tensor<float>) Measure(string name, SdfDataset test, ISdfFieldModel model, Func<Tensor<float>> latents)
    {
        var clock = Stopwatch.StartNew();
        var fields = model.Decode(latents(), test.Resolution);
        double seconds = clock.Elapsed.TotalSeconds;
        int size = test.Resolution * test.Resolution;
        var iou = Enumerable.Range(0, test.Count)
            .Select(n => SdfMetrics.InsideIoU(fields.Span.Slice(n * size, size), test.Field(n))).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: IoU {iou.Average():F4} ({seconds:F1} s)"));
        return (new Method(name, iou.Average(), SdfMetrics.MeanSquaredError(fields, test.Fields), seconds, iou), fields);
    }

    private static void SavePicture(string path, Report report, SdfDataset test, LatentFittingOptions options, List<(Method Numbers, Tensor<float> Fields)> methods)
    {
        var montage = new SdfMontage { Title = $"{report.Model}, L = {report.LatentSize}: encoder vs fitted latents" };
        montage.AddRow("input", test.Fields, test.Labels.Select(l => $"digit {l}").ToList());
        montage.AddRow($"observed {options.PointFraction:0.##%}", ObservedMasks(test, options));
        foreach (var (numbers, fields) in methods)
            montage.AddRow(numbers.Name.Replace(" of the pixels", ""), fields, numbers.Iou.Select(i => $"IoU {i:F3}").ToList());
        montage.SavePng(path);
    }

    /// <summary>Each digit's observed pixels in black on white, as the partial fit saw them.</summary>
    private static IEnumerable<MontageCell> ObservedMasks(SdfDataset test, LatentFittingOptions options)
    {
        int s = test.Resolution;
        var (points, _) = LatentFitting.ObservedPoints(test.Fields, options.PointFraction, options.Seed);
        int perShape = points.Shape[1];
        for (int n = 0; n < test.Count; n++)
        {
            var mask = new float[s * s];
            Array.Fill(mask, 1f);
            for (int k = 0; k < perShape; k++)
            {
                int row = (int)MathF.Round((points[n, k, 0] + 0.5f) * s), column = (int)MathF.Round((points[n, k, 1] + 0.5f) * s);
                mask[row * s + column] = test.Field(n)[row * s + column] < 0 ? 0f : 0.6f; // inside darker than outside
            }
            yield return MontageCell.Grey(mask, s, s, $"{perShape} points");
        }
    }

    private static string Markdown(Report r)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Test-time latent fitting: {r.Model}, L = {r.LatentSize}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{r.Count} digits of the {r.TestSet}; Adam on the latent only, {r.Steps} steps of {(r.PointsPerStep is int n ? $"at most {n} random observed points" : "all observed points")} per digit, learning rate {r.LearningRate:G3} (tenfold lower for the second half), prior weight {r.PriorWeight:G3}, {(r.ClampDistance is double d ? $"distances clamped to ±{d:G3}" : "no clamp")}.");
        text.AppendLine();
        text.AppendLine("| latents from | mean IoU | MSE | seconds |");
        text.AppendLine("|---|---|---|---|");
        foreach (var m in r.Methods)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {m.Name} | {m.MeanIou:F4} | {m.Mse:G4} | {m.Seconds:F1} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Fitted to {r.Fraction:0.##%} of the pixels minus encoder: IoU {r.IouGap:+0.0000;-0.0000}; margin {r.Margin:F3}: **{(r.WithinMargin ? "within" : "not within")}**.");
        return text.ToString();
    }
}
