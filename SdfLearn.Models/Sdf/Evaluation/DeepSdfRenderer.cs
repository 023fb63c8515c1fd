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
        CheckArguments(decoder, latents, resolution);
        int shapesPerChunk = Math.Max(1, PointsPerChunk / (resolution * resolution));
        var image = new DeepSdfImageDecoder<float>(decoder, resolution);
        return Inference.Map(latents, shapesPerChunk, [1, resolution, resolution], image.Forward);
    }

    private static void CheckArguments(DeepSdfDecoder<float> decoder, Tensor<float> latents, int resolution)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(latents);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        if (decoder.CoordinateDimension != 2)
            throw new ArgumentException($"Rendering a pixel grid needs a 2D decoder; this one takes {decoder.CoordinateDimension}D coordinates.", nameof(decoder));
        if (latents.Rank != 2 || latents.Shape[1] != decoder.LatentSize)
            throw new ShapeMismatchException($"DeepSdfRenderer: expected latents [B, {decoder.LatentSize}], got {latents.Shape}.");
    }

    /// <summary>
    /// Unit normals [B, R, R, 2] (row, column components) of the fields of latents [B, L] at every pixel of an R × R
    /// grid: the decoder's coordinate gradient ∇ₓf (<see cref="DeepSdfDecoder{T}.ForwardWithCoordinateGradient"/>),
    /// normalised; on the zero contour they are the outward normals of the shape (for shading or arrows).
    /// </summary>
    /// <exception cref="ArgumentException">The decoder is not 2D or the latents do not match it.</exception>
    public static Tensor<float> RenderNormals(DeepSdfDecoder<float> decoder, Tensor<float> latents, int resolution)
    {
        CheckArguments(decoder, latents, resolution);
        int pixels = resolution * resolution, shapesPerChunk = Math.Max(1, PointsPerChunk / pixels);
        var grid = DeepSdfImageDecoder<float>.PixelCoordinates(resolution);
        var normals = Inference.Map(latents, shapesPerChunk, [resolution, resolution, 2], chunk =>
        {
            var coordinates = new Tensor<float>(new Shape(chunk.Shape[0], pixels, 2));
            for (int b = 0; b < chunk.Shape[0]; b++) grid.Span.CopyTo(coordinates.Span.Slice(b * 2 * pixels));
            return decoder.ForwardWithCoordinateGradient(chunk, chunk.Tape.Constant(coordinates)).Gradient;
        });
        var span = normals.Span;
        for (int i = 0; i < span.Length; i += 2)
        {
            float length = MathF.Sqrt(span[i] * span[i] + span[i + 1] * span[i + 1]);
            if (length > 0) (span[i], span[i + 1]) = (span[i] / length, span[i + 1] / length);
        }
        return normals;
    }
}
