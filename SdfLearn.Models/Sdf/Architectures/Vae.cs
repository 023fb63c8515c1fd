using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Losses;

namespace SdfLearn.Sdf.Architectures;

/// <summary>
/// A variational autoencoder of images (Part I): the encoder gives [mu | log-variance] (2L features), z is sampled by
/// reparameterisation, <c>z = mu + exp(logVar / 2) · eps</c>, and any decoder from [B, L] to [B, 1, S, S] maps it back.
/// The loss is the negative ELBO in nats per image, averaged over the batch: the decoder's Gaussian negative
/// log-likelihood (<see cref="GaussianLikelihood{T}"/>, over the S² pixels) plus beta · KL.
/// With a <see cref="LatentPrior{T}"/> (a learnt or fitted mixture) the prior is that instead of N(0, I), and KL its Monte Carlo estimate.
/// Parameter names: <c>encoder.*</c>, <c>decoder.*</c>, with a learnt sigma <c>likelihood.log_sigma</c>, and with a
/// mixture prior <c>prior.*</c>.
/// </summary>
public sealed class Vae<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Assembles a VAE from an encoder with 2L outputs and a decoder from [B, L] to images; the likelihood defaults to
    /// <see cref="VaeDefaults.Likelihood{T}"/>; without a <paramref name="prior"/> the prior is N(0, I).
    /// </summary>
    /// <exception cref="ArgumentException">The encoder's output count is not twice the latent size, or the prior's dimension differs from it.</exception>
    public Vae(ConvEncoder<T> encoder, Layer<T> decoder, int latentSize, double beta = 1, GaussianLikelihood<T>? likelihood = null,
        LatentPrior<T>? prior = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latentSize);
        if (encoder.Outputs != 2 * latentSize)
            throw new ArgumentException($"A VAE encoder must output 2L = {2 * latentSize} features (mu and log-variance); this one outputs {encoder.Outputs}.", nameof(encoder));
        Encoder = RegisterModule("encoder", encoder);
        Decoder = RegisterModule("decoder", decoder);
        Likelihood = RegisterModule("likelihood", likelihood ?? VaeDefaults.Likelihood<T>());
        if (GaussianPosterior.Checked(prior, latentSize) is { } mixture) Prior = RegisterModule("prior", mixture);
        LatentSize = latentSize;
        Beta = beta;
    }

    /// <summary>
    /// The reference VAE (docs/reference.md): <see cref="ConvEncoder{T}"/> with 2L outputs and <see cref="VanillaDecoder{T}"/>,
    /// initialised from <paramref name="random"/> (encoder first, then decoder).
    /// </summary>
    public static Vae<T> CreateReference(SeededRandom random, int latentSize = 32, int imageSize = 64, int channels = 32, double beta = 1,
        GaussianLikelihood<T>? likelihood = null, LatentPrior<T>? prior = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        var encoder = new ConvEncoder<T>(2 * latentSize, random, imageSize, channels);
        var decoder = new VanillaDecoder<T>(latentSize, random, imageSize, channels);
        return new Vae<T>(encoder, decoder, latentSize, beta, likelihood, prior);
    }

    /// <summary>The image encoder (2L outputs).</summary>
    public ConvEncoder<T> Encoder { get; }

    /// <summary>The decoder from latents [B, L] to images [B, 1, S, S].</summary>
    public Layer<T> Decoder { get; }

    /// <summary>The decoder's likelihood of each image's pixels.</summary>
    public GaussianLikelihood<T> Likelihood { get; }

    /// <summary>Latent size L.</summary>
    public int LatentSize { get; }

    /// <summary>The prior (a learnt or fitted mixture), or null for N(0, I).</summary>
    public LatentPrior<T>? Prior { get; }

    /// <summary>Weight of the KL term (1 gives the ELBO; may be changed between steps for annealing).</summary>
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

    /// <summary>Decodes latents [B, L] into images [B, 1, S, S].</summary>
    public Variable<T> Decode(Variable<T> latents) => Decoder.Forward(latents);

    /// <summary>
    /// The negative ELBO of a batch of images [B, 1, S, S], with eps drawn from <paramref name="noise"/>
    /// (re-create it with the same seed to repeat the same sample, as gradient checks do). <paramref name="beta"/>
    /// weighs the KL term for this call (e.g. during KL warm-up); null uses <see cref="Beta"/>.
    /// </summary>
    public VaeLoss<T> Loss(Variable<T> images, SeededRandom noise, double? beta = null)
    {
        var (mu, logVar) = Encode(images);
        var z = Ops.Reparameterize(mu, logVar, noise);
        var output = Decode(z);
        var errors = Ops.SumSquaredErrorPerSample(output, images);
        int pixels = images.Shape.Length / images.Shape[0];
        return GaussianPosterior.Elbo(Likelihood, errors, pixels, mu, logVar, z, beta ?? Beta, PriorMatching, output, Prior);
    }
}
