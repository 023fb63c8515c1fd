using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Initialization;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;
using SdfLearn.Sdf.Losses;
using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Sdf.Reconstruction;

/// <summary>
/// Surface reconstruction from points, IGR-style (Gropp et al. 2020): fits a signed distance function f to points on a
/// 2D curve, with or without normals, using no distance values — only <c>f = 0</c> on the points, <c>∇f = n</c> there
/// (when normals are given) and the eikonal term <c>|∇f| = 1</c> around and between them, the last two through
/// <see cref="Layer{T}.ForwardWithInputGradient"/>.
/// </summary>
public static class PointFit
{
    /// <summary>
    /// IGR's network: 2 → width (× hidden layers) → 1 with Softplus(β) between, and its geometric initialisation —
    /// hidden weights ~ N(0, 2 / out), zero biases, output weights ~ N(sqrt(π / in), 1e-4²) and bias −r — so that f starts
    /// close to the distance to a circle of radius r, <c>|x| − r</c>.
    /// </summary>
    public static Sequential<float> CreateNetwork(PointFitOptions options, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        var network = new Sequential<float>();
        int inWidth = 2;
        for (int i = 0; i <= options.HiddenLayers; i++)
        {
            bool output = i == options.HiddenLayers;
            var linear = new Linear<float>(inWidth, output ? 1 : options.Width, random);
            if (output) Init.GeometricOutput(linear.Weight.Value, linear.Bias?.Value, options.InitialRadius, random);
            else Init.GeometricHidden(linear.Weight.Value, linear.Bias?.Value, random);
            network.Add(linear);
            if (!output) network.Add(new Softplus<float>((float)options.Beta, 20f));
            inWidth = options.Width;
        }
        return network;
    }

    /// <summary>
    /// Fits a network (<see cref="CreateNetwork"/>) to the points by Adam; each step takes every surface point, as many
    /// off-surface samples around them (Gaussian, <see cref="PointFitOptions.LocalSpread"/>) and
    /// <see cref="PointFitOptions.UniformSamples"/> uniform in the square [-0.5, 0.5)². Returns the network and the loss
    /// of every step.
    /// </summary>
    /// <param name="surface">The points, and their normals when <see cref="PointFitOptions.NormalWeight"/> is not 0.</param>
    /// <param name="options">The settings (<see cref="PointFitOptions"/>).</param>
    /// <param name="progress">Called after each step with the step index and its loss, if given.</param>
    public static (Sequential<float> Network, float[] Losses) Fit(SurfacePoints surface, PointFitOptions options, Action<int, float>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new SeededRandom(options.Seed);
        var network = CreateNetwork(options, random.Fork());
        var adam = new Adam<float>(network.Parameters(), options.LearningRate);
        var tape = new Tape<float>();
        int n = surface.Count;
        int offSurface = n + options.UniformSamples;
        var batch = new Tensor<float>(new Shape(n + offSurface, 2));
        surface.Points.Span.CopyTo(batch.Span);
        var losses = new float[options.Steps];
        for (int step = 0; step < options.Steps; step++)
        {
            adam.LearningRate = options.LearningRate * (step < 0.6 * options.Steps ? 1 : step < 0.85 * options.Steps ? 0.5 : 0.25);
            DrawOffSurface(surface.Points.Span, batch.Span[(2 * n)..(4 * n)], batch.Span[(4 * n)..], options.LocalSpread, random);
            tape.Reset();
            var (values, gradient) = network.ForwardWithInputGradient(tape.Constant(batch), 0, 2);
            var loss = SdfLosses.OnSurface(Ops.Slice(values, 0, 0, n));
            if (options.NormalWeight > 0)
                loss = Ops.Add(loss, Ops.Scale(SdfLosses.NormalAlignment(Ops.Slice(gradient, 0, 0, n), tape.Constant(surface.Normals)), (float)options.NormalWeight));
            loss = Ops.Add(loss, Ops.Scale(SdfLosses.Eikonal(Ops.Slice(gradient, 0, n, offSurface)), (float)options.EikonalWeight));
            losses[step] = loss.Item();
            adam.ZeroGrad();
            tape.Backward(loss);
            adam.Step();
            progress?.Invoke(step, losses[step]);
        }
        return (network, losses);
    }

    /// <summary>
    /// The network's values [S·S] and gradients [S·S, 2] at the centres of an S × S grid of pixels (row-major, the
    /// coordinates of <see cref="SdfGrid"/>); the gradient, normalised, is the outward normal of the fitted curve.
    /// </summary>
    public static (Tensor<float> Field, Tensor<float> Gradient) FieldAndGradient(Layer<float> network, int resolution)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        var grid = DeepSdfImageDecoder<float>.PixelCoordinates(resolution);
        var tape = new Tape<float>();
        using (tape.NoGrad())
        {
            var (values, gradient) = network.ForwardWithInputGradient(tape.Constant(grid), 0, 2);
            return (values.Value.Reshape(resolution * resolution), gradient.Value.Clone());
        }
    }

    /// <summary>Measures a fitted field against the true one and the input points on the S × S grid (<see cref="PointFitMetrics"/>).</summary>
    /// <exception cref="ArgumentException">The true field is not S × S.</exception>
    public static PointFitMetrics Evaluate(Layer<float> network, ReadOnlySpan<float> trueField, int resolution, SurfacePoints surface)
    {
        ArgumentNullException.ThrowIfNull(surface);
        if (trueField.Length != resolution * resolution)
            throw new ArgumentException($"The true field has {trueField.Length} values, not {resolution}².", nameof(trueField));
        var (field, gradient) = FieldAndGradient(network, resolution);
        double eikonal = 0;
        for (int p = 0; p < field.Length; p++)
            eikonal += Math.Abs(Math.Sqrt(Math.Pow(gradient.Span[2 * p], 2) + Math.Pow(gradient.Span[2 * p + 1], 2)) - 1);
        var contour = MarchingSquares.Trace(field.Span, resolution, resolution);
        var points = surface.Points.Span;
        double pointsToContour = 0, contourToPoints = 0, maxContourToPoints = 0;
        int vertices = 0;
        for (int k = 0; k < surface.Count; k++)
            pointsToContour += DistanceToContour(points[2 * k] * resolution, points[2 * k + 1] * resolution, contour, resolution);
        foreach (var line in contour)
            foreach (var (row, column) in line.Points)
            {
                double nearest = double.PositiveInfinity;
                for (int k = 0; k < surface.Count; k++)
                    nearest = Math.Min(nearest, Math.Pow(row - (points[2 * k] + 0.5f) * resolution, 2) + Math.Pow(column - (points[2 * k + 1] + 0.5f) * resolution, 2));
                contourToPoints += Math.Sqrt(nearest);
                maxContourToPoints = Math.Max(maxContourToPoints, Math.Sqrt(nearest));
                vertices++;
            }
        return new PointFitMetrics(eikonal / field.Length, SdfMetrics.InsideIoU(field.Span, trueField), pointsToContour / surface.Count,
            vertices == 0 ? double.PositiveInfinity : contourToPoints / vertices, vertices == 0 ? double.PositiveInfinity : maxContourToPoints);
    }

    /// <summary>Gaussian samples around the points into <paramref name="local"/>, uniform ones over the square into <paramref name="uniform"/>.</summary>
    private static void DrawOffSurface(ReadOnlySpan<float> points, Span<float> local, Span<float> uniform, double spread, SeededRandom random)
    {
        for (int i = 0; i < points.Length; i++) local[i] = points[i] + (float)(spread * random.NextNormal());
        random.FillUniform(uniform, -0.5f, 0.5f);
    }

    /// <summary>The distance, in pixels, from a point (in pixels, centred) to the nearest segment of the contour (in grid indices).</summary>
    private static double DistanceToContour(double row, double column, IReadOnlyList<ContourLine> contour, int resolution)
    {
        row += 0.5 * resolution;
        column += 0.5 * resolution;
        double best = double.PositiveInfinity;
        foreach (var line in contour)
        {
            var p = line.Points;
            for (int k = 0; k < p.Count; k++)
            {
                var (a, b) = (p[k], p[k + 1 < p.Count ? k + 1 : line.Closed ? 0 : k]);
                double dr = b.Row - a.Row, dc = b.Column - a.Column, length2 = dr * dr + dc * dc;
                double t = length2 == 0 ? 0 : Math.Clamp(((row - a.Row) * dr + (column - a.Column) * dc) / length2, 0, 1);
                best = Math.Min(best, Math.Sqrt(Math.Pow(row - a.Row - t * dr, 2) + Math.Pow(column - a.Column - t * dc, 2)));
            }
        }
        return best;
    }
}
