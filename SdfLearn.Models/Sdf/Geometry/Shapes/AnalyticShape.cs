using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// A shape whose signed distance is known in closed form (negative inside): test references for sampling, meshing
/// and rendering, and the members of synthetic shape collections.
/// </summary>
public abstract class AnalyticShape
{
    /// <summary>The signed distance from <paramref name="point"/> to the surface.</summary>
    public abstract float Distance(Vector3 point);

    /// <summary>A box holding the shape.</summary>
    public abstract BoundingBox Bounds { get; }

    /// <summary>Evaluates <see cref="Distance"/> on x, y, z triples (a <see cref="SignedDistanceBatch"/>).</summary>
    /// <exception cref="ArgumentException">The spans do not hold 3 floats per value.</exception>
    public void Evaluate(ReadOnlySpan<float> points, Span<float> values)
    {
        if (points.Length != 3 * values.Length)
            throw new ArgumentException($"{points.Length} coordinates for {values.Length} values; expected 3 per value.", nameof(points));
        for (int i = 0; i < values.Length; i++) values[i] = Distance(new Vector3(points[3 * i], points[3 * i + 1], points[3 * i + 2]));
    }
}
