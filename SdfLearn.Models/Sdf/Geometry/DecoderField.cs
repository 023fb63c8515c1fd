using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;

namespace SdfLearn.Sdf.Geometry;

/// <summary>A trained 3D DeepSDF decoder as a <see cref="SignedDistanceBatch"/>, for marching cubes, sphere tracing and slices.</summary>
public static class DecoderField
{
    /// <summary>
    /// The field x ↦ decoder([<paramref name="latent"/>, x]), evaluated in chunks of <paramref name="chunkSize"/> points on a
    /// fresh tape per call without recording gradients (so concurrent calls are safe while the weights do not change).
    /// </summary>
    /// <exception cref="ArgumentException">The decoder's coordinates are not 3D, or the latent's length is not its latent size.</exception>
    public static SignedDistanceBatch Of(DeepSdfDecoder<float> decoder, float[]? latent = null, int chunkSize = 16384)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        if (decoder.CoordinateDimension != 3)
            throw new ArgumentException($"A 3D field needs a decoder of 3D coordinates; this one takes {decoder.CoordinateDimension}.", nameof(decoder));
        latent ??= [];
        if (latent.Length != decoder.LatentSize)
            throw new ArgumentException($"The latent has {latent.Length} values; the decoder expects {decoder.LatentSize}.", nameof(latent));
        int width = decoder.InputWidth, latentSize = decoder.LatentSize;
        var code = (float[])latent.Clone();
        return (points, values) =>
        {
            if (points.Length != 3 * values.Length)
                throw new ArgumentException($"{points.Length} coordinates for {values.Length} values; expected 3 per value.", nameof(points));
            var tape = new Tape<float>();
            using var _ = tape.NoGrad();
            for (int start = 0; start < values.Length; start += chunkSize)
            {
                int n = Math.Min(chunkSize, values.Length - start);
                tape.Reset();
                var queries = new Tensor<float>(new Shape(n, width));
                var q = queries.Span;
                for (int i = 0; i < n; i++)
                {
                    code.CopyTo(q.Slice(i * width, latentSize));
                    points.Slice(3 * (start + i), 3).CopyTo(q.Slice(i * width + latentSize, 3));
                }
                decoder.Forward(tape.Constant(queries)).Value.Span.CopyTo(values.Slice(start, n));
            }
        };
    }
}
