using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Models.Architectures;
using SdfLearn.Models.Data;
using SdfLearn.Models.Evaluation;
using SdfLearn.Models.Layers;

namespace SdfLearn.Models.Training;

/// <summary>Part I's DeepSDF variant: the VAE encoder with a DeepSDF decoder, trained on sampled query points.</summary>
public sealed class TrainableDeepSdfVae : ITrainableSdfModel
{
    /// <summary>Wraps the model with its training points and KL schedule.</summary>
    public TrainableDeepSdfVae(DeepSdfVae<float> model, int resolution, QueryPointOptions? points = null, KlSchedule? kl = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Resolution = resolution;
        TrainingPoints = points ?? new QueryPointOptions();
        TrainingPoints.Validate();
        Kl = kl ?? new KlSchedule(model.Beta);
        Kl.Validate();
    }

    /// <summary>The reference encoder and DeepSDF decoder initialised from <paramref name="seed"/>.</summary>
    public static TrainableDeepSdfVae CreateReference(ulong seed, int latentSize = 32, int resolution = 64, int channels = 32,
        int hiddenWidth = 256, QueryPointOptions? points = null, KlSchedule? kl = null,
        DeepSdfVaeReconstruction reconstruction = DeepSdfVaeReconstruction.ImageSum) =>
        new(DeepSdfVae<float>.CreateReference(SeededRandom.Derive(seed, 1), latentSize, resolution, channels, hiddenWidth, reconstruction: reconstruction),
            resolution, points, kl);

    /// <summary>The wrapped model.</summary>
    public DeepSdfVae<float> Model { get; }

    /// <summary>The KL weight schedule.</summary>
    public KlSchedule Kl { get; }

    /// <inheritdoc/>
    public string Kind => "vae-deepsdf";
    /// <inheritdoc/>
    public Module<float> Module => Model;
    /// <inheritdoc/>
    public int LatentSize => Model.LatentSize;
    /// <inheritdoc/>
    public int Resolution { get; }
    /// <inheritdoc/>
    public bool IsVariational => true;
    /// <inheritdoc/>
    public bool RendersAnyResolution => true;
    /// <inheritdoc/>
    public QueryPointOptions? TrainingPoints { get; }

    /// <inheritdoc/>
    public (Variable<float> Loss, LossTerms Terms) Loss(Tape<float> tape, SdfBatch batch, SeededRandom noise, double epochs)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Points is null || batch.Values is null)
            throw new ArgumentException("The DeepSDF VAE trains on query points; the batch has none (create the loader with TrainingPoints).", nameof(batch));
        Model.Beta = Kl.WeightAt(epochs);
        var loss = Model.Loss(tape, tape.Constant(batch.Fields), tape.Constant(batch.Points), tape.Constant(batch.Values), noise);
        return (loss.Total, new LossTerms(loss.Total.Item(), loss.Reconstruction.Item(), loss.Kl.Item()));
    }

    /// <inheritdoc/>
    public Tensor<float> Encode(Tensor<float> fields) =>
        Inference.Map(fields, 100, [LatentSize], (tape, x) => Model.Encode(tape, x).Mu);

    /// <inheritdoc/>
    public Tensor<float> Decode(Tensor<float> latents, int resolution) => DeepSdfRenderer.Render(Model.Decoder, latents, resolution);
}
