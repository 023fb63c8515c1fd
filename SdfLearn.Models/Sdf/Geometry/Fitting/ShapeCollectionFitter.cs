using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Core.Distributed;
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
/// <remarks>
/// With a communicator of several ranks (an MPI job, <see cref="Communicator.Create"/>) the fit is data-parallel: every
/// rank must call the fitter with the same meshes (or samples) and options; each computes the loss (data term, eikonal
/// term, code prior) and its gradient on its shard of every batch's shapes (<see cref="PointBatchSharder.ByShapes"/>:
/// consecutive shapes, all their points), the ranks sum the share-weighted gradients of the decoder and of the code
/// table (the codes a rank did not touch contribute zeros) with the loss terms in one all-reduce per step, and all take
/// the same Adam step, so every rank returns the same model: the single-process one up to the order of float additions
/// (docs/distributed.md). Each rank samples the meshes itself; a check before training makes ranks whose samples
/// differ from rank 0's an error on all ranks. <see cref="ShapeCollectionFitOptions.ShapesPerBatch"/> must be at least
/// the rank count. The fitter writes nothing; in an MPI job let rank 0 alone write what it returns.
/// </remarks>
public static class ShapeCollectionFitter
{
    /// <summary>Samples every mesh of <paramref name="meshes"/> and trains the auto-decoder.</summary>
    /// <param name="meshes">The shapes.</param>
    /// <param name="options">The sampling and training options (the defaults when null).</param>
    /// <param name="progress">Receives a report after every epoch.</param>
    /// <param name="cancellation">Stops the fit after the current step (with several ranks, a stop on any rank stops all).</param>
    /// <param name="communicator">The ranks of an MPI job to fit data-parallel on, or null (like a job of one rank) for one process.</param>
    /// <exception cref="ArgumentException">There are fewer meshes than shapes per batch.</exception>
    /// <exception cref="OperationCanceledException">The fit was stopped before its last epoch.</exception>
    public static ShapeCollectionFit Fit(IReadOnlyList<TriangleMesh> meshes, ShapeCollectionFitOptions? options = null,
        IProgress<MeshFitProgress>? progress = null, CancellationToken cancellation = default, ICommunicator? communicator = null)
    {
        ArgumentNullException.ThrowIfNull(meshes);
        options ??= new ShapeCollectionFitOptions();
        options.Validate();
        if (meshes.Count < options.ShapesPerBatch)
            throw new ArgumentException($"{meshes.Count} meshes is fewer than the {options.ShapesPerBatch} shapes of a batch.", nameof(meshes));
        FitRecipe.CheckBatch(communicator, options.ShapesPerBatch, nameof(options.ShapesPerBatch), "shapes"); // before the sampling
        var samples = meshes.Select((mesh, i) => MeshSdfSampler.Sample(mesh, options.Sampling with { Seed = options.Sampling.Seed + (ulong)i * 7919 })).ToList();
        return Train(samples, options, progress, cancellation, communicator);
    }

    /// <summary>The untrained auto-decoder <see cref="Train"/> starts from (also what a saved one is loaded into).</summary>
    public static DeepSdfAutoDecoder<float> CreateModel(int shapeCount, ShapeCollectionFitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var decoder = FitRecipe.Decoder(options.LatentSize, options.HiddenWidth, options.HiddenLayers, options.Seed, options.GeometricInitRadius);
        return new DeepSdfAutoDecoder<float>(decoder, shapeCount, SeededRandom.Derive(options.Seed, 2));
    }

    /// <summary>
    /// Trains the auto-decoder on given per-shape samples (each with <see cref="SdfSamplingOptions.Count"/> samples);
    /// with several ranks each takes its shard of every batch's shapes.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes have different sample counts, or fewer shapes than a batch.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or fewer shapes per batch than ranks.</exception>
    /// <exception cref="InvalidDataException">With several ranks: some rank's samples differ from rank 0's.</exception>
    /// <exception cref="OperationCanceledException">The fit was stopped before its last epoch.</exception>
    public static ShapeCollectionFit Train(IReadOnlyList<SdfSamples> samples, ShapeCollectionFitOptions options,
        IProgress<MeshFitProgress>? progress = null, CancellationToken cancellation = default, ICommunicator? communicator = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var parallel = FitRecipe.Parallel(communicator, PointBatchSharder.ByShapes(), options.ShapesPerBatch, nameof(options.ShapesPerBatch), "shapes");
        if (samples.Count < options.ShapesPerBatch)
            throw new ArgumentException($"{samples.Count} shapes is fewer than the {options.ShapesPerBatch} shapes of a batch.", nameof(samples));
        int shapes = samples.Count, perShape = samples[0].Count;
        if (samples.Any(s => s.Count != perShape)) throw new ArgumentException("Every shape needs the same number of samples.", nameof(samples));
        FitRecipe.CheckSameSamples(communicator, samples);
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
            Parallel = parallel,
        };
        var result = trainer.Run(cancellation);
        FitRecipe.ThrowIfInterrupted(result, communicator, cancellation);
        return new ShapeCollectionFit(model, samples.Select(s => s.Normalization).ToList(), result.History.Select(e => e.Train["sdf"]).ToList());
    }
}
