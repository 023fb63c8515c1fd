using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Trains a DeepSDF auto-decoder over a collection of meshes: each mesh is sampled in its own unit-sphere frame, each
/// gets a code, and codes and decoder learn together through the general <see cref="Trainer{TBatch}"/> with Adam
/// (squared error against clamped targets plus a small prior on the codes' norm, optionally plus a weighted eikonal
/// term, <see cref="ShapeCollectionFitOptions.EikonalWeight"/>). Shapes and points per step come
/// from (seed, epoch, batch), so runs are deterministic for a seed and thread count.
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
        var decoder = FitRecipe.Decoder(options.LatentSize, options.HiddenWidth, options.HiddenLayers, options.Seed, options.GeometricInitRadius);
        return new DeepSdfAutoDecoder<float>(decoder, shapeCount, SeededRandom.Derive(options.Seed, 2));
    }

    /// <summary>Trains the auto-decoder on given per-shape samples (each with <see cref="SdfSamplingOptions.Count"/> samples).</summary>
    /// <exception cref="ArgumentException">The shapes have different sample counts, or fewer shapes than a batch.</exception>
    public static ShapeCollectionFit Train(IReadOnlyList<SdfSamples> samples, ShapeCollectionFitOptions options,
        IProgress<MeshFitProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (samples.Count < options.ShapesPerBatch)
            throw new ArgumentException($"{samples.Count} shapes is fewer than the {options.ShapesPerBatch} shapes of a batch.", nameof(samples));
        int shapes = samples.Count, perShape = samples[0].Count;
        if (samples.Any(s => s.Count != perShape)) throw new ArgumentException("Every shape needs the same number of samples.", nameof(samples));
        var coordinates = new Tensor<float>(new Shape(shapes, perShape, 3));
        var values = new Tensor<float>(new Shape(shapes, perShape));
        for (int n = 0; n < shapes; n++)
        {
            samples[n].Points.CopyTo(coordinates.Span.Slice(n * perShape * 3, perShape * 3));
            samples[n].Values.CopyTo(values.Span.Slice(n * perShape, perShape));
        }
        var loader = new PointSampleLoader(new PointSamples(coordinates, values), options.ShapesPerBatch, options.Seed,
            pointsPerShape: options.PointsPerShape);

        var model = CreateModel(shapes, options);
        float prior = options.CodeRegularization;
        var trainer = new Trainer<PointBatch>(model, loader, validation: null,
            (data, tape, _) =>
            {
                var codes = model.LatentsOf(tape, data.Indices);
                var points = tape.Constant(data.Coordinates);
                var (prediction, gradient) = options.EikonalWeight == 0
                    ? (model.Decoder.Forward(codes, points), null)
                    : model.Decoder.ForwardWithCoordinateGradient(codes, points);
                var (fit, terms) = FitRecipe.DataLoss(prediction, gradient, tape, data.Values, options.ClampDistance, options.EikonalWeight);
                var codeNorm = Ops.Mean(Ops.Sum(Ops.Square(codes), 1));
                float normValue = codeNorm.Value.Span[0];
                return (Ops.Add(fit, Ops.Scale(codeNorm, prior)), LossTerms.Of(fit.Value.Span[0] + prior * normValue, [.. terms, ("code_norm", normValue)]));
            },
            new Adam<float>(model.Parameters(), options.LearningRate),
            new TrainingOptions { Epochs = options.Epochs, Seed = options.Seed, Schedule = new FitSchedule() })
        {
            EpochCompleted = FitRecipe.EpochReports(progress, options.Epochs),
        };
        var result = trainer.Run(cancellation);
        cancellation.ThrowIfCancellationRequested();
        return new ShapeCollectionFit(model, samples.Select(s => s.Normalization).ToList(), result.History.Select(e => e.Train["sdf"]).ToList());
    }
}
