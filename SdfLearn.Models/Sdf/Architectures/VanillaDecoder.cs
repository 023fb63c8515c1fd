using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;

namespace SdfLearn.Sdf.Architectures;

/// <summary>
/// The reference image decoder of Part I (docs/reference.md): Linear(L → 2c·(S/8)²) GELU, reshape (2c, S/8, S/8),
/// ConvT(2c→2c) GELU, Conv(2c→2c) GELU, ConvT(2c→c) GELU, Conv(c→c) GELU, ConvT(c→1), all 3x3 with padding 1, the
/// transposed ones stride 2 with output padding 1; linear output [B, 1, S, S]. GELU is the tanh form.
/// Parameter names: <c>layers.0</c> (linear), <c>layers.{3,7,11}</c> (transposed convolutions), <c>layers.{5,9}</c> (convolutions).
/// </summary>
public sealed class VanillaDecoder<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the decoder with PyTorch default initialisation drawn from <paramref name="random"/>.</summary>
    /// <param name="latentSize">Latent size L.</param>
    /// <param name="random">Source of the initial weights.</param>
    /// <param name="imageSize">Side S of the output images (a multiple of 8; 64 in the reference).</param>
    /// <param name="channels">Base channel count c (32 in the reference).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or S is not a multiple of 8.</exception>
    public VanillaDecoder(int latentSize, SeededRandom random, int imageSize = 64, int channels = 32)
    {
        int side = ImageGeometry.BottleneckSide(imageSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latentSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        (LatentSize, ImageSize, Channels) = (latentSize, imageSize, channels);
        int c = channels;
        Layers = RegisterModule("layers", new Sequential<T>(
            new Linear<T>(latentSize, 2 * c * side * side, random), new Gelu<T>(GeluApproximation.Tanh),
            new Unflatten<T>(2 * c, side, side),
            new ConvTranspose2d<T>(2 * c, 2 * c, 3, random, stride: 2, padding: 1, outputPadding: 1), new Gelu<T>(GeluApproximation.Tanh),
            new Conv2d<T>(2 * c, 2 * c, 3, random, stride: 1, padding: 1), new Gelu<T>(GeluApproximation.Tanh),
            new ConvTranspose2d<T>(2 * c, c, 3, random, stride: 2, padding: 1, outputPadding: 1), new Gelu<T>(GeluApproximation.Tanh),
            new Conv2d<T>(c, c, 3, random, stride: 1, padding: 1), new Gelu<T>(GeluApproximation.Tanh),
            new ConvTranspose2d<T>(c, 1, 3, random, stride: 2, padding: 1, outputPadding: 1)));
    }

    /// <summary>Latent size L.</summary>
    public int LatentSize { get; }

    /// <summary>Side S of the output images.</summary>
    public int ImageSize { get; }

    /// <summary>Base channel count c.</summary>
    public int Channels { get; }

    /// <summary>The layer stack (PyTorch's <c>nn.Sequential</c>).</summary>
    public Sequential<T> Layers { get; }

    /// <summary>Decodes latents [B, L] into images [B, 1, S, S].</summary>
    /// <exception cref="ShapeMismatchException">The latents are not [B, L].</exception>
    public override Variable<T> Forward(Variable<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.Rank != 2 || x.Shape[1] != LatentSize)
            throw new ShapeMismatchException($"VanillaDecoder: expected latents [B, {LatentSize}], got {x.Shape}.");
        return Layers.Forward(x);
    }
}
