using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Core.Distributed;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Learns one mesh's signed distance field: DeepSDF samples of the mesh (<see cref="MeshSdfSampler"/>), then a DeepSDF
/// decoder of 3D points (no latent) trained by the general <see cref="Trainer{TBatch}"/> with Adam on minibatches of
/// samples, the squared error against targets clamped to ±δ, optionally plus a weighted eikonal term
/// mean((|∇ₓf| − 1)²) at the batch's points (<see cref="MeshFitOptions.EikonalWeight"/>; the prediction is then
/// clamped to ±δ as well, as in DeepSDF, so that the two terms do not conflict beyond the band). Deterministic for a seed and thread count.
/// </summary>
/// <remarks>
/// With a communicator of several ranks (an MPI job, <see cref="Communicator.Create"/>) the fit is data-parallel: every
/// rank must call the fitter with the same mesh (or samples) and options; each computes the loss and its gradient on its
/// share of every minibatch's points (<see cref="PointBatchSharder.ByPoints"/>), the ranks sum the share-weighted
/// gradients and loss terms in one all-reduce per step and take the same Adam step, so every rank returns the same
/// decoder: the single-process one up to the order of float additions (docs/distributed.md). Each rank samples the mesh
/// itself; a check before training makes ranks whose samples differ from rank 0's an error on all ranks. The batch size
/// must be at least the rank count. The fitter writes nothing; in an MPI job let rank 0 alone write what it returns.
/// </remarks>
public static class MeshFitter
{
    /// <summary>Samples <paramref name="mesh"/> and trains a decoder on it.</summary>
    /// <param name="mesh">The mesh.</param>
    /// <param name="options">The sampling and training options (the defaults when null).</param>
    /// <param name="progress">Receives a report after every epoch.</param>
    /// <param name="cancellation">Stops the fit after the current step (with several ranks, a stop on any rank stops all).</param>
    /// <param name="communicator">The ranks of an MPI job to fit data-parallel on, or null (like a job of one rank) for one process.</param>
    /// <exception cref="OperationCanceledException">The fit was stopped before its last epoch.</exception>
    public static MeshFit Fit(TriangleMesh mesh, MeshFitOptions? options = null, IProgress<MeshFitProgress>? progress = null,
        CancellationToken cancellation = default, ICommunicator? communicator = null)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        options ??= new MeshFitOptions();
        options.Validate();
        FitRecipe.CheckBatch(communicator, options.BatchSize, nameof(options.BatchSize), "samples"); // before the sampling
        return Train(MeshSdfSampler.Sample(mesh, options.Sampling), options, progress, cancellation, communicator);
    }

    /// <summary>
    /// Trains a decoder on given <paramref name="samples"/>: they are shuffled once into minibatches of
    /// <see cref="MeshFitOptions.BatchSize"/> (a point set [batches, batch size, 3]), which the trainer visits in a new
    /// order every epoch. With several ranks each takes its share of every minibatch's points.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the batch size is smaller than the rank count.</exception>
    /// <exception cref="InvalidDataException">With several ranks: some rank's samples differ from rank 0's.</exception>
    /// <exception cref="OperationCanceledException">The fit was stopped before its last epoch.</exception>
    public static MeshFit Train(SdfSamples samples, MeshFitOptions options, IProgress<MeshFitProgress>? progress = null,
        CancellationToken cancellation = default, ICommunicator? communicator = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var parallel = FitRecipe.Parallel(communicator, PointBatchSharder.ByPoints(), options.BatchSize, nameof(options.BatchSize), "samples");
        FitRecipe.CheckSameSamples(communicator, [samples]);
        int batch = options.BatchSize, batches = samples.Count / batch;
        var order = Enumerable.Range(0, samples.Count).ToArray();
        SeededRandom.Derive(options.Seed, 2).Shuffle<int>(order);
        var coordinates = new Tensor<float>(new Shape(batches, batch, 3));
        var values = new Tensor<float>(new Shape(batches, batch));
        for (int i = 0; i < batches * batch; i++)
        {
            samples.Points.AsSpan(3 * order[i], 3).CopyTo(coordinates.Span.Slice(3 * i, 3));
            values.Span[i] = samples.Values[order[i]];
        }
        var loader = new PointSampleLoader(new PointSamples(coordinates, values), batchSize: 1, options.Seed);

        var decoder = FitRecipe.Decoder(0, options.HiddenWidth, options.HiddenLayers, options.Seed, options.GeometricInitRadius);
        var trainer = new Trainer<PointBatch>(decoder, loader, validation: null,
            (data, tape, _) =>
            {
                var points = tape.Constant(data.Coordinates.Reshape(data.Values.Length, 3)); // this rank's share of the minibatch
                var (prediction, gradient) = options.EikonalWeight == 0 ? (decoder.Forward(points), null) : decoder.ForwardWithInputGradient(points, 0, 3);
                var (loss, terms) = FitRecipe.DataLoss(prediction, gradient, tape, data.Values, options.ClampDistance, options.EikonalWeight);
                return (loss, options.EikonalWeight == 0 ? LossTerms.Of(terms[0].Value) : LossTerms.Of(loss.Value.Span[0], terms));
            },
            new Adam<float>(decoder.Parameters(), options.LearningRate),
            new TrainingOptions { Epochs = options.Epochs, Seed = options.Seed, Schedule = new FitSchedule() })
        {
            EpochCompleted = FitRecipe.EpochReports(progress, options.Epochs),
            Parallel = parallel,
        };
        var result = trainer.Run(cancellation);
        FitRecipe.ThrowIfInterrupted(result, communicator, cancellation);
        return new MeshFit(decoder, samples.Normalization, result.History.Select(e => e.Train.Total).ToList());
    }
}
