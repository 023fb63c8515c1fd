using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Nn.Initialization;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Losses;

namespace SdfLearn.Tests.Sdf.Architectures;

/// <summary>
/// The reference architectures shrunk for fast checks (S = 16, c = 4, H = 16, L = 3: same layers, fewer units), and
/// seeded inputs for them.
/// </summary>
internal static class SmallModels
{
    public const int ImageSize = 16, Channels = 4, HiddenWidth = 16, LatentSize = 3, Batch = 2, PointsPerShape = 5;

    public static Vae<double> Vae(ulong seed = 1, GaussianLikelihood<double>? likelihood = null) =>
        WellConditioned(Vae<double>.CreateReference(new SeededRandom(seed), LatentSize, ImageSize, Channels, beta: 0.7, likelihood), seed);

    public static DeepSdfAutoencoder<double> Autoencoder(ulong seed = 2) =>
        WellConditioned(DeepSdfAutoencoder<double>.CreateReference(new SeededRandom(seed), LatentSize, ImageSize, Channels, HiddenWidth), seed);

    /// <summary>
    /// Redraws the weights with the ReLU gain (He uniform) and the biases from U(-0.5, 0.5). PyTorch's default init
    /// shrinks the signal by about sqrt(3) per layer, so in a small net the encoder's gradients come out ~1e-7 of the
    /// loss, below what finite differences resolve in double; at this point every layer matters and a strict
    /// tolerance is meaningful. The gradient is checked at a different point, not with a looser test.
    /// </summary>
    public static TModule WellConditioned<TModule>(TModule model, ulong seed) where TModule : Module<double>
    {
        var random = new SeededRandom(seed + 100);
        foreach (var parameter in model.Parameters())
        {
            if (parameter.Value.Rank >= 2) Init.KaimingUniform(parameter.Value, random, a: 0);
            else Init.Uniform(parameter.Value, -0.5, 0.5, random);
        }
        return model;
    }

    /// <summary>Images [B, 1, S, S] with values in the range of MNISTSDF signed distances.</summary>
    public static Tensor<double> Images(ulong seed = 3) => Uniform(seed, -0.25, 0.75, Batch, 1, ImageSize, ImageSize);

    /// <summary>Query coordinates [B, P, 2] in the image's [-0.5, 0.5) square.</summary>
    public static Tensor<double> Coordinates(ulong seed = 4) => Uniform(seed, -0.5, 0.5, Batch, PointsPerShape, 2);

    /// <summary>Target signed distances [B, P].</summary>
    public static Tensor<double> Targets(ulong seed = 5) => Uniform(seed, -0.25, 0.75, Batch, PointsPerShape);

    public static Tensor<T> Uniform<T>(ulong seed, double low, double high, params int[] dims) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var tensor = new Tensor<T>(new Shape(dims));
        new SeededRandom(seed).FillUniform(tensor.Span, T.CreateTruncating(low), T.CreateTruncating(high));
        return tensor;
    }

    public static Tensor<double> Uniform(ulong seed, double low, double high, params int[] dims) => Uniform<double>(seed, low, high, dims);

    /// <summary>The VAE's loss with a fixed eps (the noise stream is re-created on every evaluation).</summary>
    public static Func<Tape<double>, Variable<double>> VaeLoss(Vae<double> vae, Tensor<double> images) =>
        tape => vae.Loss(tape.Constant(images), new SeededRandom(11)).Total;

    public static Func<Tape<double>, Variable<double>> AutoencoderLoss(DeepSdfAutoencoder<double> model) =>
        tape => model.Loss(tape.Constant(Images()), tape.Constant(Coordinates()), tape.Constant(Targets()));
}
