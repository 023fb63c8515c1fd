using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>A torus around the y axis through <see cref="Center"/>: the points at distance <see cref="MinorRadius"/> from a circle of <see cref="MajorRadius"/> in the xz plane.</summary>
public sealed class Torus : AnalyticShape
{
    /// <summary>A torus with the given radii around <paramref name="center"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A radius is not positive, or the minor radius is not below the major one.</exception>
    public Torus(Vector3 center, float majorRadius, float minorRadius)
    {
        if (!(minorRadius > 0 && majorRadius > minorRadius))
            throw new ArgumentOutOfRangeException(nameof(minorRadius), minorRadius, $"Need 0 < minor radius < major radius ({majorRadius}).");
        (Center, MajorRadius, MinorRadius) = (center, majorRadius, minorRadius);
    }

    /// <summary>The centre.</summary>
    public Vector3 Center { get; }

    /// <summary>The radius of the tube's centre circle.</summary>
    public float MajorRadius { get; }

    /// <summary>The radius of the tube.</summary>
    public float MinorRadius { get; }

    /// <inheritdoc/>
    public override BoundingBox Bounds
    {
        get
        {
            float outer = MajorRadius + MinorRadius;
            var half = new Vector3(outer, MinorRadius, outer);
            return new BoundingBox(Center - half, Center + half);
        }
    }

    /// <inheritdoc/>
    public override float Distance(Vector3 point)
    {
        var p = point - Center;
        float ring = MathF.Sqrt(p.X * p.X + p.Z * p.Z) - MajorRadius;
        return MathF.Sqrt(ring * ring + p.Y * p.Y) - MinorRadius;
    }
}
