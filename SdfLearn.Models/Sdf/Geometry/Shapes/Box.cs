using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>An axis-aligned box with its exact signed distance (Euclidean outside, to the nearest face inside).</summary>
public sealed class Box : AnalyticShape
{
    /// <summary>A box around <paramref name="center"/> reaching <paramref name="halfSize"/> along each axis.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A half size is not positive.</exception>
    public Box(Vector3 center, Vector3 halfSize)
    {
        if (!(halfSize.X > 0 && halfSize.Y > 0 && halfSize.Z > 0))
            throw new ArgumentOutOfRangeException(nameof(halfSize), halfSize, "Every half size must be positive.");
        (Center, HalfSize) = (center, halfSize);
    }

    /// <summary>The centre.</summary>
    public Vector3 Center { get; }

    /// <summary>Half the edge lengths.</summary>
    public Vector3 HalfSize { get; }

    /// <inheritdoc/>
    public override BoundingBox Bounds => new(Center - HalfSize, Center + HalfSize);

    /// <inheritdoc/>
    public override float Distance(Vector3 point)
    {
        var q = Vector3.Abs(point - Center) - HalfSize;
        return Vector3.Max(q, Vector3.Zero).Length() + MathF.Min(MathF.Max(q.X, MathF.Max(q.Y, q.Z)), 0f);
    }
}
