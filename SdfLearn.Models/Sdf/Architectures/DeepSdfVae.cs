using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Losses;

namespace SdfLearn.Sdf.Architectures;

/// <summary>
/// Part I's DeepSDF variant: the VAE's convolutional encoder gives [mu | log-variance], and a <see cref="DeepSdfDecoder{T}"/>
/// predicts signed distances at query points from [z, coordinates]. The original experiment found that this decoder's
/// outputs did not span the data's range, likely from the KL term: a reconstruction term that is a mean over points is
/// thousands of times smaller than a KL summed over latent dimensions, so the prior wins and the latents carry little.
/// By default (<see cref="DeepSdfVaeReconstruction.ImageSum"/>) the reconstruction term is the Gaussian negative
/// log-likelihood of the whole image (<see cref="GaussianLikelihood{T}"/> over S² values), its sum of squared errors
/// estimated from the query points, as for the vanilla VAE. With a <see cref="LatentPrior{T}"/> (a learnt or fitted mixture) the prior is
/// that instead of N(0, I). Parameter names: <c>encoder.*</c>, <c>decoder.*</c>, with a learnt sigma
/// <c>likelihood.log_sigma</c>, and with a mixture prior <c>prior.*</c>.
/// </summary>
public sealed class DeepSdfVae<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Assembles the model; the encoder must output 2L features for a decoder of latent size L. The likelihood defaults
    /// to <see cref="VaeDefaults.Likelihood{T}"/>; without a <paramref name="prior"/> the prior is N(0, I).
    /// </summary>
    /// <exception cref="ArgumentException">The sizes do not match.</exception>
    public DeepSdfVae(ConvEncoder<T> encoder, DeepSdfDecoder<T> decoder, double beta = 1,
        DeepSdfVaeReconstruction reconstruction = DeepSdfVaeReconstruction.ImageSum, GaussianLikelihood<T>? likelihood = null,
        LatentPrior<T>? prior = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(decoder);
        if (encoder.Outputs != 2 * decoder.LatentSize)
            throw new ArgumentException($"The encoder outputs {encoder.Outputs} features; a VAE with latent size {decoder.LatentSize} needs {2 * decoder.LatentSize}.", nameof(encoder));
        Encoder = RegisterModule("encoder", encoder);
        Decoder = RegisterModule("decoder", decoder);
        Likelihood = RegisterModule("likelihood", likelihood ?? VaeDefaults.Likelihood<T>());
        if (GaussianPosterior.Checked(prior, decoder.LatentSize) is { } mixture) Prior = RegisterModule("prior", mixture);
        Beta = beta;
        Reconstruction = reconstruction;
    }

    /// <summary>The reference encoder (2L outputs) with the reference DeepSDF decoder, initialised from <paramref name="random"/>.</summary>
    public static DeepSdfVae<T> CreateReference(SeededRandom random, int latentSize = 32, int imageSize = 64, int channels = 32,
        int hiddenWidth = 256, double beta = 1, DeepSdfVaeReconstruction reconstruction = DeepSdfVaeReconstruction.ImageSum,
        GaussianLikelihood<T>? likelihood = null, LatentPrior<T>? prior = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        var encoder = new ConvEncoder<T>(2 * latentSize, random, imageSize, channels);
        var decoder = new DeepSdfDecoder<T>(latentSize, random, hiddenWidth);
        return new DeepSdfVae<T>(encoder, decoder, beta, reconstruction, likelihood, prior);
    }

    /// <summary>The image encoder (2L outputs).</summary>
    public ConvEncoder<T> Encoder { get; }

    /// <summary>The signed-distance decoder.</summary>
    public DeepSdfDecoder<T> Decoder { get; }

    /// <summary>Latent size L.</summary>
    public int LatentSize => Decoder.LatentSize;

    /// <summary>The decoder's likelihood (of the image's S² values, or of one value per point mean).</summary>
    public GaussianLikelihood<T> Likelihood { get; }

    /// <summary>The prior (a learnt or fitted mixture), or null for N(0, I).</summary>
    public LatentPrior<T>? Prior { get; }

    /// <summary>How the reconstruction term is scaled against the KL term.</summary>
    public DeepSdfVaeReconstruction Reconstruction { get; }

    /// <summary>Weight of the KL term (a loss call may override it, e.g. for KL warm-up).</summary>
    public double Beta { get; set; }

    /// <summary>
    /// Weight of <see cref="PriorMoments.Mismatch"/> on the batch's sampled codes, added to the loss (0, the default,
    /// gives the plain ELBO); it keeps the codes' mean and covariance at the prior's when a small decoder scale leaves
    /// the KL term too weak to (docs/likelihood.md).
    /// </summary>
    public double PriorMatching { get; set; }

    /// <summary>The posterior of each image: means and log-variances, each [B, L].</summary>
    public (Variable<T> Mu, Variable<T> LogVar) Encode(Variable<T> images) =>
        GaussianPosterior.Split(Encoder.Forward(images), LatentSize);

    /// <summary>
    /// The negative ELBO of images [B, 1, S, S] given query coordinates [B, P, d] and their signed distances (B·P values),
    /// with eps drawn from <paramref name="noise"/>. Reconstruction (<see cref="Reconstruction"/>): the likelihood of the
    /// S² values of each image, whose squared error is estimated as the sum over the P points scaled by S²/P; or of one
    /// value whose squared error is the mean over the points. Averaged over the batch.
    /// <paramref name="beta"/> weighs the KL term for this call (e.g. during KL warm-up); null uses <see cref="Beta"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The targets do not hold one value per query point.</exception>
    public VaeLoss<T> Loss(Variable<T> images, Variable<T> coordinates, Variable<T> targets, SeededRandom noise, double? beta = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(targets);
        var (mu, logVar) = Encode(images);
        var z = Ops.Reparameterize(mu, logVar, noise);
        var prediction = Decoder.Forward(z, coordinates);
        int batch = images.Shape[0];
        if (targets.Shape.Length != prediction.Shape.Length)
            throw new ShapeMismatchException($"DeepSdfVae: {prediction.Shape[0]} query points but targets of shape {targets.Shape}.");
        int values = Reconstruction == DeepSdfVaeReconstruction.ImageSum ? images.Shape.Length / batch : 1;
        var errors = QueryPointErrors.Estimate(prediction, targets, batch, values);
        return GaussianPosterior.Elbo(Likelihood, errors, values, mu, logVar, z, beta ?? Beta, PriorMatching, prediction, Prior);
    }
}
