using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Losses;
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

    /// <summary>The calibrated loss's likelihood: the batch's optimal sigma, which has no parameter to train or save.</summary>
    private readonly GaussianLikelihood<float> _optimalScale = new(GaussianScale.OptimalBatch);

    private DeepSdfAutoencoderFieldModel(FieldModelConfig settings, DeepSdfAutoencoder<float> model)
        : base(Kind.Name, settings, model, model.Decoder, isVariational: false)
    {
    }

    /// <summary>The MSE over the query points, or its calibrated Gaussian likelihood (<see cref="FieldModelConfig.AutoencoderLoss"/>).</summary>
    public override (Variable<float> Loss, LossTerms Terms) Loss(SdfBatch batch, Tape<float> tape, LossContext context)
    {
        ArgumentNullException.ThrowIfNull(tape);
        var (points, values) = QueryPoints(batch);
        var (fields, coordinates, targets) = (tape.Constant(batch.Fields), tape.Constant(points), tape.Constant(values));
        var loss = Settings.AutoencoderLoss == AutoencoderLoss.Calibrated
            ? Model.CalibratedLoss(fields, coordinates, targets, _optimalScale)
            : Model.Loss(fields, coordinates, targets);
        return (loss, LossTerms.Of(loss.Item()));
    }

    /// <inheritdoc/>
    public override Tensor<float> Encode(Tensor<float> fields) => Inference.Map(fields, InferenceChunk, [LatentSize], Model.Encode);
}
