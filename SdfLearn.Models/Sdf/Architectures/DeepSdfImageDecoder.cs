using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;

namespace SdfLearn.Sdf.Architectures;

/// <summary>
/// Renders a <see cref="DeepSdfDecoder{T}"/> on the pixel grid, turning latents [B, L] into SDF images [B, 1, S, S]
/// (Part I's DeepSDF variant of the VAE decoder). Pixel (i, j) is queried at ((i / S) - 0.5, (j / S) - 0.5)
/// (row, column), the MNISTSDF convention. Parameter names: <c>sdf.layers.{i}.weight/bias</c>.
/// </summary>
public sealed class DeepSdfImageDecoder<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _coordinates;

    /// <summary>Wraps a decoder with 2D coordinates to render S x S images.</summary>
    /// <exception cref="ArgumentException">The decoder's coordinates are not 2D.</exception>
    public DeepSdfImageDecoder(DeepSdfDecoder<T> sdf, int imageSize = 64)
    {
        ArgumentNullException.ThrowIfNull(sdf);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageSize);
        if (sdf.CoordinateDimension != 2)
            throw new ArgumentException($"Images need a decoder of 2D coordinates; this one takes {sdf.CoordinateDimension}.", nameof(sdf));
        Sdf = RegisterModule("sdf", sdf);
        ImageSize = imageSize;
    }

    /// <summary>The signed-distance decoder.</summary>
    public DeepSdfDecoder<T> Sdf { get; }

    /// <summary>Side S of the rendered images.</summary>
    public int ImageSize { get; }

    /// <summary>The query coordinates of every pixel, [S·S, 2] in row-major pixel order.</summary>
    public static Tensor<T> PixelCoordinates(int imageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageSize);
        var grid = new Tensor<T>(new Shape(imageSize * imageSize, 2));
        var span = grid.Span;
        for (int i = 0; i < imageSize; i++)
            for (int j = 0; j < imageSize; j++)
            {
                span[2 * (i * imageSize + j)] = T.CreateTruncating((double)i / imageSize - 0.5);
                span[2 * (i * imageSize + j) + 1] = T.CreateTruncating((double)j / imageSize - 0.5);
            }
        return grid;
    }

    /// <summary>Renders latents [B, L] as images [B, 1, S, S].</summary>
    public override Variable<T> Forward(Variable<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int batch = x.Shape.Rank == 2 ? x.Shape[0] : throw new ShapeMismatchException($"DeepSdfImageDecoder: expected latents [B, {Sdf.LatentSize}], got {x.Shape}.");
        int pixels = ImageSize * ImageSize;
        if (_coordinates is null || _coordinates.Shape[0] != batch * pixels)
        {
            // The grid repeated for every image of the batch, kept for the next batch of the same size.
            var grid = PixelCoordinates(ImageSize);
            _coordinates = new Tensor<T>(new Shape(batch * pixels, 2));
            for (int b = 0; b < batch; b++) grid.Span.CopyTo(_coordinates.Span.Slice(b * 2 * pixels));
        }
        var distances = Sdf.Forward(x, x.Tape.Constant(_coordinates));
        return Ops.Reshape(distances, batch, 1, ImageSize, ImageSize);
    }
}
