using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;

namespace SdfLearn.Sdf.Architectures;

/// <summary>
/// The reference image encoder (docs/reference.md), c channels, GELU (tanh form) after every convolution:
/// Conv(1→c, s2) Conv(c→c) Conv(c→2c, s2) Conv(2c→2c) Conv(2c→2c, s2), all 3x3 with padding 1, Flatten
/// (2c·(S/8)² features), Linear(→ outputs). Outputs are 2L (mu | log-variance) for the VAE and L for the autoencoder.
/// Parameter names: <c>layers.{0,2,4,6,8}.weight/bias</c> (convolutions) and <c>layers.11.weight/bias</c> (the linear head).
/// </summary>
public sealed class ConvEncoder<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the encoder with PyTorch default initialisation drawn from <paramref name="random"/>.</summary>
    /// <param name="outputs">Features out of the final linear layer.</param>
    /// <param name="random">Source of the initial weights.</param>
    /// <param name="imageSize">Side S of the square input images (a multiple of 8; 64 in the reference).</param>
    /// <param name="channels">Base channel count c (32 in the reference).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or S is not a multiple of 8.</exception>
    public ConvEncoder(int outputs, SeededRandom random, int imageSize = 64, int channels = 32)
    {
        int side = ImageGeometry.BottleneckSide(imageSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        (Outputs, ImageSize, Channels) = (outputs, imageSize, channels);
        int c = channels;
        Layers = RegisterModule("layers", new Sequential<T>(
            new Conv2d<T>(1, c, 3, random, stride: 2, padding: 1), new Gelu<T>(GeluApproximation.Tanh),
            new Conv2d<T>(c, c, 3, random, stride: 1, padding: 1), new Gelu<T>(GeluApproximation.Tanh),
            new Conv2d<T>(c, 2 * c, 3, random, stride: 2, padding: 1), new Gelu<T>(GeluApproximation.Tanh),
            new Conv2d<T>(2 * c, 2 * c, 3, random, stride: 1, padding: 1), new Gelu<T>(GeluApproximation.Tanh),
            new Conv2d<T>(2 * c, 2 * c, 3, random, stride: 2, padding: 1), new Gelu<T>(GeluApproximation.Tanh),
            new Flatten<T>(),
            new Linear<T>(2 * c * side * side, outputs, random)));
    }

    /// <summary>Features out of the encoder.</summary>
    public int Outputs { get; }

    /// <summary>Side S of the input images.</summary>
    public int ImageSize { get; }

    /// <summary>Base channel count c.</summary>
    public int Channels { get; }

    /// <summary>The layer stack (PyTorch's <c>nn.Sequential</c>).</summary>
    public Sequential<T> Layers { get; }

    /// <summary>Encodes images [B, 1, S, S] into features [B, outputs].</summary>
    /// <exception cref="ShapeMismatchException">The images are not [B, 1, S, S].</exception>
    public override Variable<T> Forward(Variable<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.Rank != 4 || x.Shape[1] != 1 || x.Shape[2] != ImageSize || x.Shape[3] != ImageSize)
            throw new ShapeMismatchException($"ConvEncoder: expected images [B, 1, {ImageSize}, {ImageSize}], got {x.Shape}.");
        return Layers.Forward(x);
    }
}
