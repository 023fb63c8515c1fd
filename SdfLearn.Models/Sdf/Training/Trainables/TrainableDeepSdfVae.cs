using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;

using SdfLearn.Nn.Training;

namespace SdfLearn.Sdf.Training;

/// <summary>Part I's DeepSDF variant: the VAE encoder with a DeepSDF decoder, trained on sampled query points.</summary>
public sealed class TrainableDeepSdfVae : TrainableSdfModel<DeepSdfVae<float>>
{
    /// <summary>Wraps the model with its training points and KL schedule.</summary>
    public TrainableDeepSdfVae(DeepSdfVae<float> model, int resolution, QueryPointOptions? points = null, KlSchedule? kl = null)
        : base(model, resolution, points ?? new QueryPointOptions())
    {
        Kl = kl ?? new KlSchedule(model.Beta);
        Kl.Validate();
    }

    /// <summary>The reference encoder and DeepSDF decoder initialised from <paramref name="seed"/>.</summary>
    public static TrainableDeepSdfVae CreateReference(ulong seed, int latentSize = 32, int resolution = 64, int channels = 32,
        int hiddenWidth = 256, QueryPointOptions? points = null, KlSchedule? kl = null,
        DeepSdfVaeReconstruction reconstruction = DeepSdfVaeReconstruction.ImageSum) =>
        new(DeepSdfVae<float>.CreateReference(SeededRandom.Derive(seed, 1), latentSize, resolution, channels, hiddenWidth, reconstruction: reconstruction),
            resolution, points, kl);

    /// <summary>The KL weight schedule.</summary>
    public KlSchedule Kl { get; }

    /// <inheritdoc/>
    public override string Kind => "vae-deepsdf";
    /// <inheritdoc/>
    public override int LatentSize => Model.LatentSize;
    /// <inheritdoc/>
    public override bool IsVariational => true;
    /// <inheritdoc/>
    public override bool RendersAnyResolution => true;

    /// <inheritdoc/>
    public override (Variable<float> Loss, LossTerms Terms) Loss(Tape<float> tape, SdfBatch batch, SeededRandom noise, double epochs)
    {
        var (points, values) = QueryPoints(batch);
        Model.Beta = Kl.WeightAt(epochs);
        var loss = Model.Loss(tape.Constant(batch.Fields), tape.Constant(points), tape.Constant(values), noise);
        return (loss.Total, new LossTerms(loss.Total.Item(), loss.Reconstruction.Item(), loss.Kl.Item()));
    }

    /// <inheritdoc/>
    public override Tensor<float> Encode(Tensor<float> fields) =>
        Inference.Map(fields, 100, [LatentSize], x => Model.Encode(x).Mu);

    /// <inheritdoc/>
    public override Tensor<float> Decode(Tensor<float> latents, int resolution) => DeepSdfRenderer.Render(Model.Decoder, latents, resolution);
}
