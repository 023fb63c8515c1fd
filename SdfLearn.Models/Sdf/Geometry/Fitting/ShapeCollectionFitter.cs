using System.Diagnostics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Sdf.Architectures;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Trains a DeepSDF auto-decoder over a collection of meshes: each mesh is sampled in its own unit-sphere frame, each
/// gets a code, and codes and decoder learn together with Adam (squared error against clamped targets plus a small
/// prior on the codes' norm). Shapes and points per step come from (seed, epoch, batch), so runs are deterministic for
/// a seed and thread count.
/// </summary>
public static class ShapeCollectionFitter
{
    /// <summary>Samples every mesh of <paramref name="meshes"/> and trains the auto-decoder.</summary>
    /// <exception cref="ArgumentException">There are fewer meshes than shapes per batch.</exception>
    public static ShapeCollectionFit Fit(IReadOnlyList<TriangleMesh> meshes, ShapeCollectionFitOptions? options = null,
        IProgress<MeshFitProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(meshes);
        options ??= new ShapeCollectionFitOptions();
        options.Validate();
        if (meshes.Count < options.ShapesPerBatch)
            throw new ArgumentException($"{meshes.Count} meshes is fewer than the {options.ShapesPerBatch} shapes of a batch.", nameof(meshes));
        var samples = meshes.Select((mesh, i) => MeshSdfSampler.Sample(mesh, options.Sampling with { Seed = options.Sampling.Seed + (ulong)i * 7919 })).ToList();
        return Train(samples, options, progress, cancellation);
    }

    /// <summary>The untrained auto-decoder <see cref="Train"/> starts from (also what a saved one is loaded into).</summary>
    public static DeepSdfAutoDecoder<float> CreateModel(int shapeCount, ShapeCollectionFitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var decoder = FitRecipe.Decoder(options.LatentSize, options.HiddenWidth, options.HiddenLayers, options.Seed);
        return new DeepSdfAutoDecoder<float>(decoder, shapeCount, SeededRandom.Derive(options.Seed, 2));
    }

    /// <summary>Trains the auto-decoder on given per-shape samples (each with the same count).</summary>
    public static ShapeCollectionFit Train(IReadOnlyList<SdfSamples> samples, ShapeCollectionFitOptions options,
        IProgress<MeshFitProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int shapes = samples.Count, perShape = options.PointsPerShape, batchShapes = options.ShapesPerBatch;
        if (samples.Any(s => s.Count < perShape)) throw new ArgumentException($"Every shape needs at least {perShape} samples.", nameof(samples));
        var model = CreateModel(shapes, options);
        var decoder = model.Decoder;
        var optimizer = new Adam<float>(model.Parameters(), options.LearningRate);
        var tape = new Tape<float>();
        var points = new Tensor<float>(new Shape(batchShapes, perShape, 3));
        var targets = new Tensor<float>(new Shape(batchShapes * perShape, 1));
        var order = new int[shapes];
        var picked = new int[batchShapes];
        int steps = shapes / batchShapes;
        var losses = new List<double>();
        var clock = Stopwatch.StartNew();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            optimizer.LearningRate = options.LearningRate * FitRecipe.RateFactor(epoch, options.Epochs);
            for (int i = 0; i < shapes; i++) order[i] = i;
            SeededRandom.Derive(options.Seed, 3, (ulong)epoch).Shuffle<int>(order);
            double sum = 0;
            for (int step = 0; step < steps; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                var random = SeededRandom.Derive(options.Seed, 4, (ulong)epoch, (ulong)step);
                for (int k = 0; k < batchShapes; k++)
                {
                    var shape = samples[picked[k] = order[step * batchShapes + k]];
                    for (int i = 0; i < perShape; i++)
                    {
                        int s = random.NextInt(shape.Count), at = k * perShape + i;
                        shape.Points.AsSpan(3 * s, 3).CopyTo(points.Span.Slice(3 * at, 3));
                        targets.Span[at] = Math.Clamp(shape.Values[s], -options.ClampDistance, options.ClampDistance);
                    }
                }
                tape.Reset();
                optimizer.ZeroGrad();
                var codes = model.LatentsOf(tape, picked);
                var fit = Ops.MseLoss(decoder.Forward(codes, tape.Constant(points)), tape.Constant(targets));
                var prior = Ops.Scale(Ops.Mean(Ops.Sum(Ops.Square(codes), 1)), options.CodeRegularization);
                var loss = Ops.Add(fit, prior);
                float value = fit.Value.Span[0];
                if (!float.IsFinite(value)) throw new InvalidOperationException($"The loss became {value} at epoch {epoch + 1}, step {step + 1}.");
                sum += value;
                tape.Backward(loss);
                optimizer.Step();
            }
            losses.Add(sum / steps);
            progress?.Report(new MeshFitProgress(epoch + 1, options.Epochs, sum / steps, clock.Elapsed));
        }
        return new ShapeCollectionFit(model, samples.Select(s => s.Normalization).ToList(), losses);
    }
}
