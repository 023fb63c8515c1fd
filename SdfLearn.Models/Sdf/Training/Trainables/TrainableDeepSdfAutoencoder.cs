using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;

using SdfLearn.Nn.Training;

namespace SdfLearn.Sdf.Training;

/// <summary>Part II: the convolutional encoder with a DeepSDF decoder, trained with MSE on sampled query points.</summary>
public sealed class TrainableDeepSdfAutoencoder : TrainableSdfModel<DeepSdfAutoencoder<float>>
{
    /// <summary>Wraps the model with its training points.</summary>
    public TrainableDeepSdfAutoencoder(DeepSdfAutoencoder<float> model, int resolution, QueryPointOptions? points = null)
        : base(model, resolution, points ?? new QueryPointOptions())
    {
    }

    /// <summary>The reference autoencoder initialised from <paramref name="seed"/>.</summary>
    public static TrainableDeepSdfAutoencoder CreateReference(ulong seed, int latentSize = 32, int resolution = 64, int channels = 32,
        int hiddenWidth = 256, QueryPointOptions? points = null) =>
        new(DeepSdfAutoencoder<float>.CreateReference(SeededRandom.Derive(seed, 1), latentSize, resolution, channels, hiddenWidth), resolution, points);

    /// <inheritdoc/>
    public override string Kind => "ae-deepsdf";
    /// <inheritdoc/>
    public override int LatentSize => Model.LatentSize;
    /// <inheritdoc/>
    public override bool IsVariational => false;
    /// <inheritdoc/>
    public override bool RendersAnyResolution => true;

    /// <inheritdoc/>
    public override (Variable<float> Loss, LossTerms Terms) Loss(Tape<float> tape, SdfBatch batch, SeededRandom noise, double epochs)
    {
        var (points, values) = QueryPoints(batch);
        var loss = Model.Loss(tape.Constant(batch.Fields), tape.Constant(points), tape.Constant(values));
        double value = loss.Item();
        return (loss, new LossTerms(value, value, 0));
    }

    /// <inheritdoc/>
    public override Tensor<float> Encode(Tensor<float> fields) => Inference.Map(fields, 100, [LatentSize], Model.Encode);

    /// <inheritdoc/>
    public override Tensor<float> Decode(Tensor<float> latents, int resolution) => DeepSdfRenderer.Render(Model.Decoder, latents, resolution);
}
