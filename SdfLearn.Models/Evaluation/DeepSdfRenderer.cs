using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Models.Architectures;
using SdfLearn.Models.Data;

namespace SdfLearn.Models.Evaluation;

/// <summary>
/// Renders a 2D <see cref="DeepSdfDecoder{T}"/> on a pixel grid of any resolution (e.g. 256 x 256 from a model trained
/// at 64 x 64): every pixel centre of the <see cref="SdfGrid"/> frame is a query, decoded in chunks of shapes so the
/// activations stay bounded.
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

        int pixels = resolution * resolution;
        int shapesPerChunk = Math.Max(1, PointsPerChunk / pixels);
        var grid = GridCoordinates(resolution, Math.Min(shapesPerChunk, latents.Shape[0]));
        return Inference.Map(latents, shapesPerChunk, [1, resolution, resolution], (tape, z) =>
        {
            int n = z.Shape[0];
            var coordinates = n * pixels == grid.Shape[0] ? grid : GridCoordinates(resolution, n); // only the last chunk
            return decoder.Forward(tape, z, tape.Constant(coordinates));
        });
    }

    /// <summary>The pixel-centre coordinates of an R x R grid, repeated for <paramref name="copies"/> shapes: [copies·R², 2].</summary>
    public static Tensor<float> GridCoordinates(int resolution, int copies = 1)
    {
        int pixels = resolution * resolution;
        var coordinates = new Tensor<float>(new Shape(copies * pixels, 2));
        var span = coordinates.Span;
        for (int i = 0; i < resolution; i++)
            for (int j = 0; j < resolution; j++)
            {
                span[2 * (i * resolution + j)] = SdfGrid.Coordinate(i, resolution);
                span[2 * (i * resolution + j) + 1] = SdfGrid.Coordinate(j, resolution);
            }
        for (int c = 1; c < copies; c++) span[..(2 * pixels)].CopyTo(span.Slice(c * 2 * pixels, 2 * pixels));
        return coordinates;
    }
}
