using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>An axis-aligned box from <see cref="Min"/> to <see cref="Max"/> (inclusive).</summary>
/// <param name="Min">The corner with the smallest coordinates.</param>
/// <param name="Max">The corner with the largest coordinates.</param>
public readonly record struct BoundingBox(Vector3 Min, Vector3 Max)
{
    /// <summary>The box holding no point: adding any point to it gives that point.</summary>
    public static BoundingBox Empty => new(new Vector3(float.PositiveInfinity), new Vector3(float.NegativeInfinity));

    /// <summary>Whether the box holds no point.</summary>
    public bool IsEmpty => Min.X > Max.X || Min.Y > Max.Y || Min.Z > Max.Z;

    /// <summary>Max - Min.</summary>
    public Vector3 Size => Max - Min;

    /// <summary>The centre.</summary>
    public Vector3 Center => (Min + Max) * 0.5f;

    /// <summary>The length of the diagonal, the scale that distances are reported against.</summary>
    public float Diagonal => IsEmpty ? 0f : Size.Length();

    /// <summary>The smallest box holding this one and <paramref name="point"/>.</summary>
    public BoundingBox Including(Vector3 point) => new(Vector3.Min(Min, point), Vector3.Max(Max, point));

    /// <summary>The smallest box holding this one and <paramref name="other"/>.</summary>
    public BoundingBox Union(BoundingBox other) => new(Vector3.Min(Min, other.Min), Vector3.Max(Max, other.Max));

    /// <summary>The box grown by <paramref name="margin"/> on every side.</summary>
    public BoundingBox Inflated(float margin) => new(Min - new Vector3(margin), Max + new Vector3(margin));

    /// <summary>Whether <paramref name="point"/> lies in the box (borders included).</summary>
    public bool Contains(Vector3 point) =>
        point.X >= Min.X && point.Y >= Min.Y && point.Z >= Min.Z && point.X <= Max.X && point.Y <= Max.Y && point.Z <= Max.Z;

    /// <summary>The squared distance from <paramref name="point"/> to the box (0 inside).</summary>
    public float DistanceSquared(Vector3 point)
    {
        var outside = Vector3.Max(Vector3.Max(Min - point, point - Max), Vector3.Zero);
        return outside.LengthSquared();
    }

    /// <summary>The smallest box holding every point of <paramref name="points"/> (<see cref="Empty"/> for none).</summary>
    public static BoundingBox Of(ReadOnlySpan<Vector3> points)
    {
        var box = Empty;
        foreach (var p in points) box = box.Including(p);
        return box;
    }
}
