using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;

using SdfLearn.Nn.Training;

namespace SdfLearn.Sdf.Training;

/// <summary>Part I: the convolutional VAE with the vanilla (transposed-convolution) decoder, trained on whole fields.</summary>
public sealed class TrainableVae : TrainableSdfModel<Vae<float>>
{
    private readonly int _inferenceChunk;

    /// <summary>Wraps a VAE whose decoder outputs [B, 1, S, S] fields.</summary>
    public TrainableVae(Vae<float> model, int resolution, KlSchedule? kl = null, int inferenceChunk = 100)
        : base(model, resolution, points: null)
    {
        Kl = kl ?? new KlSchedule(model.Beta);
        Kl.Validate();
        _inferenceChunk = inferenceChunk;
    }

    /// <summary>The reference VAE (docs/reference.md) initialised from <paramref name="seed"/>.</summary>
    public static TrainableVae CreateReference(ulong seed, int latentSize = 32, int resolution = 64, int channels = 32, KlSchedule? kl = null) =>
        new(Vae<float>.CreateReference(SeededRandom.Derive(seed, 1), latentSize, resolution, channels), resolution, kl);

    /// <summary>The KL weight schedule.</summary>
    public KlSchedule Kl { get; }

    /// <inheritdoc/>
    public override string Kind => "vae";
    /// <inheritdoc/>
    public override int LatentSize => Model.LatentSize;
    /// <inheritdoc/>
    public override bool IsVariational => true;
    /// <inheritdoc/>
    public override bool RendersAnyResolution => false;

    /// <inheritdoc/>
    public override (Variable<float> Loss, LossTerms Terms) Loss(Tape<float> tape, SdfBatch batch, SeededRandom noise, double epochs)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Model.Beta = Kl.WeightAt(epochs);
        var loss = Model.Loss(tape.Constant(batch.Fields), noise);
        return (loss.Total, new LossTerms(loss.Total.Item(), loss.Reconstruction.Item(), loss.Kl.Item()));
    }

    /// <inheritdoc/>
    public override Tensor<float> Encode(Tensor<float> fields) =>
        Inference.Map(fields, _inferenceChunk, [LatentSize], x => Model.Encode(x).Mu);

    /// <inheritdoc/>
    public override Tensor<float> Decode(Tensor<float> latents, int resolution)
    {
        if (resolution != Resolution)
            throw new NotSupportedException($"The vanilla decoder renders only its training resolution {Resolution}, not {resolution}.");
        return Inference.Map(latents, _inferenceChunk, [1, Resolution, Resolution], Model.Decode);
    }
}
