using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Serialization;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Training;

namespace SdfLearn.Tests.Sdf.Training.DemoKind;

/// <summary>
/// A model kind added from outside the library: one shape's SDF as a plain MLP of d coordinates (a DeepSDF decoder
/// without a latent), trained on point sets. It needs only this file, its config and one <see cref="SdfModels.Register"/> line.
/// </summary>
public sealed class MlpSdf : ISdfModel
{
    /// <summary>The kind, for <see cref="SdfModels.Register"/>.</summary>
    public static SdfModelKind Kind { get; } = SdfModelKind.Of<MlpSdfConfig>("mlp-sdf", (settings, seed) => new MlpSdf(settings, seed));

    public MlpSdf(MlpSdfConfig settings, ulong seed)
    {
        Network = new DeepSdfDecoder<float>(latentSize: 0, new SeededRandom(seed), settings.HiddenWidth, settings.HiddenLayers,
            skipLayer: null, coordinateDimension: settings.Dimensions);
        Config = ModelConfig.Of(Kind.Name, settings);
    }

    public DeepSdfDecoder<float> Network { get; }

    public Module<float> Module => Network;

    public ModelConfig Config { get; }

    /// <summary>MSE between predicted and given distances over the batch's points.</summary>
    public (Variable<float> Loss, LossTerms Terms) Loss(PointBatch batch, Tape<float> tape, LossContext context)
    {
        var shape = batch.Coordinates.Shape;
        var points = Ops.Reshape(tape.Constant(batch.Coordinates), shape[0] * shape[1], shape[2]);
        var loss = Ops.MseLoss(Network.Forward(points), Ops.Reshape(tape.Constant(batch.Values), shape[0] * shape[1], 1));
        return (loss, LossTerms.Of(loss.Item()));
    }
}
