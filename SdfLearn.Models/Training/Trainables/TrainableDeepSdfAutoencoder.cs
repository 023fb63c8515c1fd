using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Models.Architectures;
using SdfLearn.Models.Data;
using SdfLearn.Models.Evaluation;
using SdfLearn.Models.Layers;

namespace SdfLearn.Models.Training;

/// <summary>Part II: the convolutional encoder with a DeepSDF decoder, trained with MSE on sampled query points.</summary>
public sealed class TrainableDeepSdfAutoencoder : ITrainableSdfModel
{
    /// <summary>Wraps the model with its training points.</summary>
    public TrainableDeepSdfAutoencoder(DeepSdfAutoencoder<float> model, int resolution, QueryPointOptions? points = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Resolution = resolution;
        TrainingPoints = points ?? new QueryPointOptions();
        TrainingPoints.Validate();
    }

    /// <summary>The reference autoencoder initialised from <paramref name="seed"/>.</summary>
    public static TrainableDeepSdfAutoencoder CreateReference(ulong seed, int latentSize = 32, int resolution = 64, int channels = 32,
        int hiddenWidth = 256, QueryPointOptions? points = null) =>
        new(DeepSdfAutoencoder<float>.CreateReference(SeededRandom.Derive(seed, 1), latentSize, resolution, channels, hiddenWidth), resolution, points);

    /// <summary>The wrapped model.</summary>
    public DeepSdfAutoencoder<float> Model { get; }

    /// <inheritdoc/>
    public string Kind => "ae-deepsdf";
    /// <inheritdoc/>
    public Module<float> Module => Model;
    /// <inheritdoc/>
    public int LatentSize => Model.LatentSize;
    /// <inheritdoc/>
    public int Resolution { get; }
    /// <inheritdoc/>
    public bool IsVariational => false;
    /// <inheritdoc/>
    public bool RendersAnyResolution => true;
    /// <inheritdoc/>
    public QueryPointOptions? TrainingPoints { get; }

    /// <inheritdoc/>
    public (Variable<float> Loss, LossTerms Terms) Loss(Tape<float> tape, SdfBatch batch, SeededRandom noise, double epochs)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Points is null || batch.Values is null)
            throw new ArgumentException("The DeepSDF autoencoder trains on query points; the batch has none (create the loader with TrainingPoints).", nameof(batch));
        var loss = Model.Loss(tape, tape.Constant(batch.Fields), tape.Constant(batch.Points), tape.Constant(batch.Values));
        double value = loss.Item();
        return (loss, new LossTerms(value, value, 0));
    }

    /// <inheritdoc/>
    public Tensor<float> Encode(Tensor<float> fields) => Inference.Map(fields, 100, [LatentSize], Model.Encode);

    /// <inheritdoc/>
    public Tensor<float> Decode(Tensor<float> latents, int resolution) => DeepSdfRenderer.Render(Model.Decoder, latents, resolution);
}
