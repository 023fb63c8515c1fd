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
        var span = path.Span;
        for (int s = 0; s < steps; s++)
        {
            float t = (float)s / (steps - 1);
            for (int j = 0; j < d; j++) span[s * d + j] = from[j] + t * (to[j] - from[j]);
        }
        return path;
    }
}
