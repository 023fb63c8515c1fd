using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>A ball: |p - c| - r.</summary>
public sealed class Sphere : AnalyticShape
{
    /// <summary>A sphere of <paramref name="radius"/> around <paramref name="center"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The radius is not positive.</exception>
    public Sphere(Vector3 center, float radius)
    {
        if (!(radius > 0)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "The radius must be positive.");
        (Center, Radius) = (center, radius);
    }

    /// <summary>The centre.</summary>
    public Vector3 Center { get; }

    /// <summary>The radius.</summary>
    public float Radius { get; }

    /// <inheritdoc/>
    public override BoundingBox Bounds => new(Center - new Vector3(Radius), Center + new Vector3(Radius));

    /// <inheritdoc/>
    public override float Distance(Vector3 point) => Vector3.Distance(point, Center) - Radius;
}
