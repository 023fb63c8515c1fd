using SdfLearn.Core;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>Latent codes along paths, for interpolation strips.</summary>
public static class LatentPaths
{
    /// <summary>
    /// <paramref name="steps"/> latents [steps, L] evenly spaced on the straight line from <paramref name="from"/> to
    /// <paramref name="to"/> (both included).
    /// </summary>
    /// <exception cref="ArgumentException">The endpoints differ in length or steps &lt; 2.</exception>
    public static Tensor<float> Linear(ReadOnlySpan<float> from, ReadOnlySpan<float> to, int steps)
    {
        if (from.Length != to.Length)
            throw new ArgumentException($"Interpolation endpoints have {from.Length} and {to.Length} dimensions.", nameof(to));
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        int d = from.Length;
        var path = new Tensor<float>(new Shape(steps, d));
        for (int s = 0; s < steps; s++) Between(from, to, (float)s / (steps - 1), path.Span.Slice(s * d, d));
        return path;
    }

    /// <summary>
    /// Writes (1 − <paramref name="t"/>) · <paramref name="from"/> + <paramref name="t"/> · <paramref name="to"/> into
    /// <paramref name="destination"/>: exactly <paramref name="from"/> at t = 0 and exactly <paramref name="to"/> at t = 1
    /// (from + t · (to − from) misses <paramref name="to"/> by a rounding).
    /// </summary>
    /// <exception cref="ArgumentException">The endpoints or the destination differ in length.</exception>
    public static void Between(ReadOnlySpan<float> from, ReadOnlySpan<float> to, float t, Span<float> destination)
    {
        if (from.Length != to.Length || destination.Length != from.Length)
            throw new ArgumentException($"Interpolation endpoints have {from.Length} and {to.Length} dimensions and the destination {destination.Length}.", nameof(destination));
        for (int j = 0; j < from.Length; j++) destination[j] = (1 - t) * from[j] + t * to[j];
    }
}
