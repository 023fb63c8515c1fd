using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// The union of shapes, min of their distances: exact outside, and inside wherever the parts do not overlap (so exact
/// everywhere for disjoint parts); inside overlaps it underestimates the depth.
/// </summary>
public sealed class ShapeUnion : AnalyticShape
{
    private readonly AnalyticShape[] _parts;

    /// <summary>The union of <paramref name="parts"/>.</summary>
    /// <exception cref="ArgumentException">No part is given.</exception>
    public ShapeUnion(params IEnumerable<AnalyticShape> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        _parts = [.. parts];
        if (_parts.Length == 0) throw new ArgumentException("A union needs at least one shape.", nameof(parts));
    }

    /// <summary>The shapes joined.</summary>
    public IReadOnlyList<AnalyticShape> Parts => _parts;

    /// <inheritdoc/>
    public override BoundingBox Bounds => _parts.Aggregate(BoundingBox.Empty, (box, part) => box.Union(part.Bounds));

    /// <inheritdoc/>
    public override float Distance(Vector3 point)
    {
        float distance = float.PositiveInfinity;
        foreach (var part in _parts) distance = MathF.Min(distance, part.Distance(point));
        return distance;
    }
}
