using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// A trained 3D DeepSDF decoder as a <see cref="SignedDistanceBatch"/>, for marching cubes, sphere tracing and slices,
/// and its exact gradient ∇f as a <see cref="GradientBatch"/> (the renderer's normals).
/// </summary>
public static class DecoderField
{
    /// <summary>
    /// The field x ↦ decoder([<paramref name="latent"/>, x]), evaluated in chunks of <paramref name="chunkSize"/> points on a
    /// fresh tape per call without recording gradients (so concurrent calls are safe while the weights do not change).
    /// </summary>
    /// <exception cref="ArgumentException">The decoder's coordinates are not 3D, or the latent's length is not its latent size.</exception>
    public static SignedDistanceBatch Of(DeepSdfDecoder<float> decoder, float[]? latent = null, int chunkSize = 16384)
    {
        var code = Code(decoder, latent, chunkSize);
        return (points, values) =>
        {
            if (points.Length != 3 * values.Length)
                throw new ArgumentException($"{points.Length} coordinates for {values.Length} values; expected 3 per value.", nameof(points));
            Evaluate(code, points, values, chunkSize,
                (latent, coordinates) => latent is null ? decoder.Forward(coordinates) : decoder.Forward(latent, coordinates));
        };
    }

    /// <summary>
    /// The exact gradient ∂f/∂x of the field x ↦ decoder([<paramref name="latent"/>, x]) by reverse mode through the
    /// decoder (<see cref="Nn.Layers.Layer{T}.ForwardWithInputGradient"/>), in chunks like <see cref="Of"/> and as safe
    /// to call concurrently. A decoder of any precision: its gradients are rounded to float.
    /// </summary>
    /// <exception cref="ArgumentException">The decoder's coordinates are not 3D, or the latent's length is not its latent size.</exception>
    public static GradientBatch GradientOf<T>(DeepSdfDecoder<T> decoder, float[]? latent = null, int chunkSize = 16384)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var code = Code(decoder, latent, chunkSize);
        return (points, gradients) =>
        {
            if (points.Length != gradients.Length)
                throw new ArgumentException($"{points.Length} coordinates for {gradients.Length} gradient values; expected the same.", nameof(points));
            Evaluate(code, points, gradients, chunkSize, (latent, coordinates) => latent is null
                ? decoder.ForwardWithInputGradient(coordinates, 0, 3).Gradient
                : decoder.ForwardWithCoordinateGradient(latent, coordinates).Gradient);
        };
    }

    /// <summary>Checks the decoder, latent and chunk size; the latent as [1, L] in the decoder's precision, or null when L = 0.</summary>
    private static Tensor<T>? Code<T>(DeepSdfDecoder<T> decoder, float[]? latent, int chunkSize) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        if (decoder.CoordinateDimension != 3)
            throw new ArgumentException($"A 3D field needs a decoder of 3D coordinates; this one takes {decoder.CoordinateDimension}.", nameof(decoder));
        latent ??= [];
        if (latent.Length != decoder.LatentSize)
            throw new ArgumentException($"The latent has {latent.Length} values; the decoder expects {decoder.LatentSize}.", nameof(latent));
        return latent.Length == 0 ? null : new Tensor<T>(latent.Select(T.CreateTruncating).ToArray(), new Shape(1, latent.Length));
    }

    /// <summary>
    /// Applies <paramref name="map"/> to the latent [1, L] (null when L = 0) and the coordinates [n, 3] of each chunk of
    /// the points, on one no-grad tape reset per chunk, and writes its n·k values (k per point) to
    /// <paramref name="output"/> in float. The latent is never repeated per point: the decoder applies it once per chunk.
    /// </summary>
    private static void Evaluate<T>(Tensor<T>? code, ReadOnlySpan<float> points, Span<float> output, int chunkSize,
        Func<Variable<T>?, Variable<T>, Variable<T>> map) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = points.Length / 3;
        if (count == 0) return;
        int perPoint = output.Length / count;
        var tape = new Tape<T>();
        using var _ = tape.NoGrad();
        for (int start = 0; start < count; start += chunkSize)
        {
            int n = Math.Min(chunkSize, count - start);
            tape.Reset();
            var coordinates = tape.Rent(new Shape(n, 3));
            var c = coordinates.Span;
            for (int i = 0; i < c.Length; i++) c[i] = T.CreateTruncating(points[3 * start + i]);
            var result = map(code is null ? null : tape.Constant(code), tape.Constant(coordinates)).Value.Span;
            var slice = output.Slice(perPoint * start, perPoint * n);
            for (int i = 0; i < slice.Length; i++) slice[i] = float.CreateTruncating(result[i]);
        }
    }
}
