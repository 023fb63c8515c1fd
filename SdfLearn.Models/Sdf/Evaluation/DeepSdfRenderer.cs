using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>
/// Renders a 2D <see cref="DeepSdfDecoder{T}"/> on a pixel grid of any resolution (e.g. 256 x 256 from a model trained
/// at 64 x 64) through <see cref="DeepSdfImageDecoder{T}"/>, in chunks of shapes so the activations stay bounded.
/// </summary>
public static class DeepSdfRenderer
{
    /// <summary>Query points decoded per forward pass (bounds the memory of the hidden activations).</summary>
    public const int PointsPerChunk = 32_768;

    /// <summary>Fields [B, 1, R, R] of latents [B, L] at resolution <paramref name="resolution"/>.</summary>
    /// <exception cref="ArgumentException">The decoder is not 2D or the latents do not match it.</exception>
    public static Tensor<float> Render(DeepSdfDecoder<float> decoder, Tensor<float> latents, int resolution)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(latents);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        if (decoder.CoordinateDimension != 2)
            throw new ArgumentException($"Rendering a pixel grid needs a 2D decoder; this one takes {decoder.CoordinateDimension}D coordinates.", nameof(decoder));
        if (latents.Rank != 2 || latents.Shape[1] != decoder.LatentSize)
            throw new ShapeMismatchException($"DeepSdfRenderer: expected latents [B, {decoder.LatentSize}], got {latents.Shape}.");

        int shapesPerChunk = Math.Max(1, PointsPerChunk / (resolution * resolution));
        var image = new DeepSdfImageDecoder<float>(decoder, resolution);
        return Inference.Map(latents, shapesPerChunk, [1, resolution, resolution], image.Forward);
    }
}
