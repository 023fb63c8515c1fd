using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>The points within <see cref="Radius"/> of the segment from <see cref="Start"/> to <see cref="End"/>.</summary>
public sealed class Capsule : AnalyticShape
{
    /// <summary>A capsule around the segment <paramref name="start"/>–<paramref name="end"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The radius is not positive.</exception>
    public Capsule(Vector3 start, Vector3 end, float radius)
    {
        if (!(radius > 0)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "The radius must be positive.");
        (Start, End, Radius) = (start, end, radius);
    }

    /// <summary>One end of the axis segment.</summary>
    public Vector3 Start { get; }

    /// <summary>The other end of the axis segment.</summary>
    public Vector3 End { get; }

    /// <summary>The radius.</summary>
    public float Radius { get; }

    /// <inheritdoc/>
    public override BoundingBox Bounds => new BoundingBox(Vector3.Min(Start, End), Vector3.Max(Start, End)).Inflated(Radius);

    /// <inheritdoc/>
    public override float Distance(Vector3 point)
    {
        var axis = End - Start;
        float lengthSquared = axis.LengthSquared();
        float t = lengthSquared > 0 ? Math.Clamp(Vector3.Dot(point - Start, axis) / lengthSquared, 0f, 1f) : 0f;
        return Vector3.Distance(point, Start + axis * t) - Radius;
    }
}
