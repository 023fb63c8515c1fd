using SdfLearn.Autodiff;
using SdfLearn.Core;
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
public static class MeshFitter
{
    /// <summary>Samples <paramref name="mesh"/> and trains a decoder on it.</summary>
    public static MeshFit Fit(TriangleMesh mesh, MeshFitOptions? options = null, IProgress<MeshFitProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        options ??= new MeshFitOptions();
        options.Validate();
        return Train(MeshSdfSampler.Sample(mesh, options.Sampling), options, progress, cancellation);
    }

    /// <summary>
    /// Trains a decoder on given <paramref name="samples"/>: they are shuffled once into minibatches of
    /// <see cref="MeshFitOptions.BatchSize"/> (a point set [batches, batch size, 3]), which the trainer visits in a new
    /// order every epoch.
    /// </summary>
    public static MeshFit Train(SdfSamples samples, MeshFitOptions options, IProgress<MeshFitProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
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
                var points = tape.Constant(data.Coordinates.Reshape(batch, 3));
                var (prediction, gradient) = options.EikonalWeight == 0 ? (decoder.Forward(points), null) : decoder.ForwardWithInputGradient(points, 0, 3);
                var (loss, terms) = FitRecipe.DataLoss(prediction, gradient, tape, data.Values, options.ClampDistance, options.EikonalWeight);
                return (loss, options.EikonalWeight == 0 ? LossTerms.Of(terms[0].Value) : LossTerms.Of(loss.Value.Span[0], terms));
            },
            new Adam<float>(decoder.Parameters(), options.LearningRate),
            new TrainingOptions { Epochs = options.Epochs, Seed = options.Seed, Schedule = new FitSchedule() })
        {
            EpochCompleted = FitRecipe.EpochReports(progress, options.Epochs),
        };
        var result = trainer.Run(cancellation);
        cancellation.ThrowIfCancellationRequested();
        return new MeshFit(decoder, samples.Normalization, result.History.Select(e => e.Train.Total).ToList());
    }
}
