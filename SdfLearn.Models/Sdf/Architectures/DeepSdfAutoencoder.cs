using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Losses;

namespace SdfLearn.Sdf.Architectures;

/// <summary>
/// The Part II autoencoder: a <see cref="ConvEncoder{T}"/> turns each image into a latent code z [B, L], and a
/// <see cref="DeepSdfDecoder{T}"/> predicts the signed distance at query points from [z, coordinates]; the loss is the
/// mean squared error over all query points. Parameter names: <c>encoder.*</c> and <c>decoder.*</c>.
/// </summary>
public sealed class DeepSdfAutoencoder<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Assembles the autoencoder; the encoder's output count must equal the decoder's latent size.</summary>
    /// <exception cref="ArgumentException">The sizes do not match.</exception>
    public DeepSdfAutoencoder(ConvEncoder<T> encoder, DeepSdfDecoder<T> decoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(decoder);
        if (encoder.Outputs != decoder.LatentSize)
            throw new ArgumentException($"The encoder outputs {encoder.Outputs} features but the decoder expects latents of size {decoder.LatentSize}.", nameof(decoder));
        Encoder = RegisterModule("encoder", encoder);
        Decoder = RegisterModule("decoder", decoder);
    }

    /// <summary>
    /// The reference autoencoder (docs/reference.md): encoder with L outputs and the DeepSDF decoder (H hidden width, five
    /// hidden layers, skip into layer 3, 2D coordinates), initialised from <paramref name="random"/> (encoder first).
    /// </summary>
    public static DeepSdfAutoencoder<T> CreateReference(SeededRandom random, int latentSize = 32, int imageSize = 64, int channels = 32,
        int hiddenWidth = 256)
    {
        ArgumentNullException.ThrowIfNull(random);
        var encoder = new ConvEncoder<T>(latentSize, random, imageSize, channels);
        var decoder = new DeepSdfDecoder<T>(latentSize, random, hiddenWidth);
        return new DeepSdfAutoencoder<T>(encoder, decoder);
    }

    /// <summary>The image encoder (L outputs).</summary>
    public ConvEncoder<T> Encoder { get; }

    /// <summary>The signed-distance decoder.</summary>
    public DeepSdfDecoder<T> Decoder { get; }

    /// <summary>Latent size L.</summary>
    public int LatentSize => Decoder.LatentSize;

    /// <summary>The latent code of each image [B, 1, S, S]: [B, L].</summary>
    public Variable<T> Encode(Variable<T> images) => Encoder.Forward(images);

    /// <summary>Predicted signed distances [B·P, 1] of images [B, 1, S, S] at coordinates [B, P, d].</summary>
    public Variable<T> Predict(Variable<T> images, Variable<T> coordinates) =>
        Decoder.Forward(Encode(images), coordinates);

    /// <summary>
    /// Mean squared error between predicted and target signed distances over every query point: images [B, 1, S, S],
    /// coordinates [B, P, d] and targets with B·P elements ([B, P], [B, P, 1] or [B·P, 1]).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The targets do not hold one value per query point.</exception>
    public Variable<T> Loss(Variable<T> images, Variable<T> coordinates, Variable<T> targets)
    {
        var (prediction, flatTargets) = PredictFor(images, coordinates, targets);
        return Ops.MseLoss(prediction, flatTargets);
    }

    /// <summary>
    /// The Gaussian negative log-likelihood of each image's S² values in nats under <paramref name="likelihood"/>,
    /// averaged over the batch, with each image's squared error estimated from its P query points (their sum × S²/P), as
    /// <see cref="DeepSdfVae{T}"/>'s reconstruction term. At the batch's optimal sigma this is
    /// <c>S²/2 · (log(2π · MSE) + 1)</c>: a calibrated decoder, whose gradient is the MSE's divided by the MSE, so the
    /// step does not shrink with the error as training goes on. Arguments as in <see cref="Loss"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The targets do not hold one value per query point.</exception>
    public Variable<T> CalibratedLoss(Variable<T> images, Variable<T> coordinates, Variable<T> targets, GaussianLikelihood<T> likelihood)
    {
        ArgumentNullException.ThrowIfNull(likelihood);
        var (prediction, flatTargets) = PredictFor(images, coordinates, targets);
        int batch = images.Shape[0], pixels = images.Shape.Length / batch;
        return Ops.Mean(likelihood.NegativeLogLikelihood(QueryPointErrors.Estimate(prediction, flatTargets, batch, pixels), pixels));
    }

    private (Variable<T> Prediction, Variable<T> Targets) PredictFor(Variable<T> images, Variable<T> coordinates, Variable<T> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var prediction = Predict(images, coordinates);
        if (targets.Shape.Length != prediction.Shape.Length)
            throw new ShapeMismatchException($"DeepSdfAutoencoder: {prediction.Shape[0]} query points but targets of shape {targets.Shape}.");
        return (prediction, targets.Shape == prediction.Shape ? targets : Ops.Reshape(targets, prediction.Shape[0], 1));
    }
}
