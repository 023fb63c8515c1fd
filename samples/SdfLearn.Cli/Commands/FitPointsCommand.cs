using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SdfLearn.Cli.Experiments;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Sdf.Reconstruction;
using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Cli.Commands;

/// <summary>
/// <c>sdflearn fit-points</c>: surface reconstruction from points, IGR-style. For each test digit, the vertices of its
/// zero contour (with normals, and again without) are fitted by an SDF network with no distance values; the field is
/// measured on the whole grid (mean | |∇f| − 1 |, IoU against the true field, contour-to-points distances) and drawn
/// with its zero contour, the points and gradient arrows.
/// </summary>
public static class FitPointsCommand
{
    /// <summary>One fit: which digit, with or without normals, its numbers and time.</summary>
    public sealed record Fit(int Index, int Label, bool Normals, int Points, PointFitMetrics Metrics, double Seconds, float FinalLoss);

    /// <summary>Means over the digits of one mode.</summary>
    public sealed record Summary(bool Normals, double MeanEikonalError, double MeanIou, double MeanPointsToContour, double MeanContourToPoints);

    /// <summary>What metrics.json holds.</summary>
    public sealed record Report(string TestSet, int Resolution, PointFitOptions Options, IReadOnlyList<Summary> Summaries, IReadOnlyList<Fit> Fits);

    private const int CellSize = 192, ArrowSpacing = 16;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var defaults = new PointFitOptions();
        var count = new Option<int>("--count") { Description = "How many test digits (from the start of the test set).", DefaultValueFactory = _ => 8 };
        var steps = new Option<int>("--steps") { Description = "Adam steps per fit.", DefaultValueFactory = _ => defaults.Steps };
        var normals = new Option<string>("--normals") { Description = "Fit with normals, without, or both (one row each).", DefaultValueFactory = _ => "both" };
        normals.AcceptOnlyFromAmong("both", "with", "without");
        var rate = new Option<double>("--lr") { Description = "Adam learning rate (halved at 60% and 85% of the steps).", DefaultValueFactory = _ => defaults.LearningRate };
        var width = new Option<int>("--width") { Description = "Width of the network's hidden layers.", DefaultValueFactory = _ => defaults.Width };
        var eikonal = new Option<double>("--eikonal-weight") { Description = "Weight of the eikonal term.", DefaultValueFactory = _ => defaults.EikonalWeight };
        var uniform = new Option<int>("--uniform") { Description = "Off-surface samples drawn uniformly over the square each step.", DefaultValueFactory = _ => defaults.UniformSamples };
        var resolution = new Option<int>("--resolution") { Description = "Side S of the digits' fields (the grid the metrics use).", DefaultValueFactory = _ => 64 };
        var output = new Option<string>("--out") { Description = "Folder for fit-points.png and metrics.json.", DefaultValueFactory = _ => "fit-points" };
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var mnist = CommonOptions.MnistDirectory();
        var command = new Command("fit-points",
            "Fit SDFs to points on test digits' zero contours (with and without normals) using only eikonal and surface terms, IGR-style; writes a picture and metrics.json.")
        { count, steps, normals, rate, width, eikonal, uniform, resolution, output, seed, threads, mnist };
        command.SetAction(result =>
        {
            ComputeThreads.MaxThreads = result.GetValue(threads);
            int size = result.GetValue(resolution);
            var (_, _, test, origin) = DataLoading.Load(result.GetValue(mnist), size, trainCount: null, testCount: result.GetValue(count));
            var options = new PointFitOptions
            {
                Steps = result.GetValue(steps), Seed = result.GetValue(seed), LearningRate = result.GetValue(rate), Width = result.GetValue(width),
                EikonalWeight = result.GetValue(eikonal), UniformSamples = result.GetValue(uniform),
            };
            bool[] modes = result.GetValue(normals) switch { "with" => [true], "without" => [false], _ => [true, false] };
            string folder = result.GetValue(output)!;

            var fits = new List<Fit>();
            var picture = new RgbImage(CellSize * test.Count, CellSize * modes.Length);
            for (int row = 0; row < modes.Length; row++)
                for (int n = 0; n < test.Count; n++)
                {
                    var surface = SurfacePoints.FromField(test.Field(n), size);
                    var clock = Stopwatch.StartNew();
                    var (network, losses) = PointFit.Fit(surface, options with { NormalWeight = modes[row] ? options.NormalWeight : 0 });
                    var metrics = PointFit.Evaluate(network, test.Field(n), size, surface);
                    var fit = new Fit(n, test.Labels[n], modes[row], surface.Count, metrics, clock.Elapsed.TotalSeconds, losses[^1]);
                    fits.Add(fit);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"digit {fit.Label} (#{n}) {(fit.Normals ? "with" : "without")} normals, {fit.Points} points: IoU {metrics.Iou:F4}, mean ||∇f|-1| {metrics.MeanEikonalError:F4}, points→contour {metrics.PointsToContour:F3} px, contour→points {metrics.ContourToPoints:F3} px (max {metrics.MaxContourToPoints:F2}), {fit.Seconds:F1} s"));
                    DrawCell(picture, n * CellSize, row * CellSize, network, surface);
                }

            var summaries = modes.Select(mode => fits.Where(f => f.Normals == mode).ToList()).Select(group => new Summary(group[0].Normals,
                group.Average(f => f.Metrics.MeanEikonalError), group.Average(f => f.Metrics.Iou),
                group.Average(f => f.Metrics.PointsToContour), group.Average(f => f.Metrics.ContourToPoints))).ToList();
            foreach (var s in summaries)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(s.Normals ? "with" : "without")} normals, mean of {test.Count}: IoU {s.MeanIou:F4}, mean ||∇f|-1| {s.MeanEikonalError:F4}, points→contour {s.MeanPointsToContour:F3} px, contour→points {s.MeanContourToPoints:F3} px"));
            Directory.CreateDirectory(folder);
            picture.SavePng(Path.Combine(folder, "fit-points.png"));
            File.WriteAllText(Path.Combine(folder, "metrics.json"), JsonSerializer.Serialize(new Report(origin, size, options, summaries, fits), Json));
            Console.WriteLine($"Wrote fit-points.png (rows: {string.Join(", ", modes.Select(m => m ? "with normals" : "without normals"))}) and metrics.json to {folder}.");
        });
        return command;
    }

    /// <summary>One cell: the field (blue inside, red outside), its zero contour (black), the points (green) and ∇f arrows.</summary>
    private static void DrawCell(RgbImage picture, int left, int top, Layer<float> network, SurfacePoints surface)
    {
        var (field, gradient) = PointFit.FieldAndGradient(network, CellSize);
        for (int i = 0; i < CellSize; i++)
            for (int j = 0; j < CellSize; j++)
            {
                float v = field.Span[i * CellSize + j], t = Math.Clamp(MathF.Abs(v) / 0.25f, 0f, 1f);
                var (r, g, b) = v < 0 ? (40, 90, 200) : (200, 60, 40);
                picture[left + j, top + i] = new Rgb(Mix(255, r, t), Mix(255, g, t), Mix(255, b, t));
            }
        foreach (var line in MarchingSquares.Trace(field.Span, CellSize, CellSize))
            for (int k = 0; k + 1 < line.Points.Count + (line.Closed ? 1 : 0); k++)
            {
                var (a, b) = (line.Points[k], line.Points[(k + 1) % line.Points.Count]);
                DrawLine(picture, left + a.Column, top + a.Row, left + b.Column, top + b.Row, Rgb.Black);
            }
        var green = new Rgb(20, 160, 60);
        for (int k = 0; k < surface.Count; k++)
        {
            float y = (surface.Points.Span[2 * k] + 0.5f) * CellSize, x = (surface.Points.Span[2 * k + 1] + 0.5f) * CellSize;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++) picture.Blend(left + (int)x + dx, top + (int)y + dy, green, 1f);
        }
        var arrow = new Rgb(60, 60, 60);
        for (int i = ArrowSpacing / 2; i < CellSize; i += ArrowSpacing)
            for (int j = ArrowSpacing / 2; j < CellSize; j += ArrowSpacing)
            {
                float gr = gradient.Span[2 * (i * CellSize + j)], gc = gradient.Span[2 * (i * CellSize + j) + 1];
                float length = 0.4f * ArrowSpacing, endY = top + i + length * gr, endX = left + j + length * gc;
                DrawLine(picture, left + j, top + i, endX, endY, arrow);
                DrawLine(picture, endX, endY, endX - 0.35f * length * (gc + gr), endY - 0.35f * length * (gr - gc), arrow);
                DrawLine(picture, endX, endY, endX + 0.35f * length * (gr - gc), endY - 0.35f * length * (gr + gc), arrow);
            }
    }

    /// <summary>A thin line from (x0, y0) to (x1, y1), blended in quarter-pixel steps.</summary>
    private static void DrawLine(RgbImage picture, float x0, float y0, float x1, float y1, Rgb color)
    {
        int steps = (int)MathF.Ceiling(4 * MathF.Max(MathF.Abs(x1 - x0), MathF.Abs(y1 - y0))) + 1;
        for (int s = 0; s <= steps; s++)
        {
            float t = (float)s / steps;
            picture.Blend((int)MathF.Round(x0 + t * (x1 - x0)), (int)MathF.Round(y0 + t * (y1 - y0)), color, 0.45f);
        }
    }

    private static byte Mix(int from, int to, float t) => (byte)MathF.Round(from + t * (to - from));
}
