using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Sdf.Training;

/// <summary>Part II (kind <c>ae-deepsdf</c>): the convolutional encoder with a DeepSDF decoder, trained with MSE on sampled query points.</summary>
public sealed class DeepSdfAutoencoderFieldModel : FieldModel<DeepSdfAutoencoder<float>>
{
    /// <summary>The kind, for <see cref="SdfModels.Register"/>.</summary>
    public static SdfModelKind Kind { get; } =
        SdfModelKind.Of<FieldModelConfig>("ae-deepsdf", (settings, seed) => new DeepSdfAutoencoderFieldModel(settings, seed));

    /// <summary>The reference autoencoder with <paramref name="settings"/>, initialised from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public DeepSdfAutoencoderFieldModel(FieldModelConfig settings, ulong seed)
        : this(settings, DeepSdfAutoencoder<float>.CreateReference(SeededRandom.Derive(seed, 1), Checked(settings).LatentSize,
            settings.Resolution, settings.Channels, settings.HiddenWidth))
    {
    }

    private DeepSdfAutoencoderFieldModel(FieldModelConfig settings, DeepSdfAutoencoder<float> model)
        : base(Kind.Name, settings, model, model.Decoder, isVariational: false)
    {
    }

    /// <summary>The MSE over the query points.</summary>
    public override (Variable<float> Loss, LossTerms Terms) Loss(SdfBatch batch, Tape<float> tape, LossContext context)
    {
        ArgumentNullException.ThrowIfNull(tape);
        var (points, values) = QueryPoints(batch);
        var loss = Model.Loss(tape.Constant(batch.Fields), tape.Constant(points), tape.Constant(values));
        return (loss, LossTerms.Of(loss.Item()));
    }

    /// <inheritdoc/>
    public override Tensor<float> Encode(Tensor<float> fields) => Inference.Map(fields, InferenceChunk, [LatentSize], Model.Encode);
}
