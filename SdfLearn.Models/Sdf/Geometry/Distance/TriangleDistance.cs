using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>Exact point–triangle queries: the closest point, and the solid angle a triangle subtends.</summary>
public static class TriangleDistance
{
    /// <summary>
    /// The point of triangle (<paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/>) closest to
    /// <paramref name="p"/>, found by the Voronoi region of p (vertex, edge or face); degenerate triangles fall back to
    /// their edges.
    /// </summary>
    public static Vector3 ClosestPoint(Vector3 p, Vector3 a, Vector3 b, Vector3 c)
    {
        var ab = b - a;
        var ac = c - a;
        var ap = p - a;
        float d1 = Vector3.Dot(ab, ap), d2 = Vector3.Dot(ac, ap);
        if (d1 <= 0 && d2 <= 0) return a;
        var bp = p - b;
        float d3 = Vector3.Dot(ab, bp), d4 = Vector3.Dot(ac, bp);
        if (d3 >= 0 && d4 <= d3) return b;
        float vc = d1 * d4 - d3 * d2;
        if (vc <= 0 && d1 >= 0 && d3 <= 0) return a + ab * (d1 / (d1 - d3));
        var cp = p - c;
        float d5 = Vector3.Dot(ab, cp), d6 = Vector3.Dot(ac, cp);
        if (d6 >= 0 && d5 <= d6) return c;
        float vb = d5 * d2 - d1 * d6;
        if (vb <= 0 && d2 >= 0 && d6 <= 0) return a + ac * (d2 / (d2 - d6));
        float va = d3 * d6 - d5 * d4;
        if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0) return b + (c - b) * ((d4 - d3) / (d4 - d3 + (d5 - d6)));
        float sum = va + vb + vc;
        if (!(sum > 0)) return ClosestOnEdges(p, a, b, c);
        return a + ab * (vb / sum) + ac * (vc / sum);
    }

    /// <summary>
    /// The signed solid angle triangle (<paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/>) subtends at
    /// <paramref name="p"/> (Van Oosterom and Strackee): positive when p sees the triangle's back, i.e. lies on the inner
    /// side of an outward-facing triangle. Summed over a closed surface it is 4π inside and 0 outside.
    /// </summary>
    public static float SolidAngle(Vector3 p, Vector3 a, Vector3 b, Vector3 c)
    {
        a -= p;
        b -= p;
        c -= p;
        float la = a.Length(), lb = b.Length(), lc = c.Length();
        float determinant = Vector3.Dot(a, Vector3.Cross(b, c));
        float divisor = la * lb * lc + Vector3.Dot(a, b) * lc + Vector3.Dot(a, c) * lb + Vector3.Dot(b, c) * la;
        return 2f * MathF.Atan2(determinant, divisor);
    }

    private static Vector3 ClosestOnEdges(Vector3 p, Vector3 a, Vector3 b, Vector3 c)
    {
        var best = ClosestOnSegment(p, a, b);
        foreach (var candidate in (ReadOnlySpan<Vector3>)[ClosestOnSegment(p, b, c), ClosestOnSegment(p, c, a)])
            if (Vector3.DistanceSquared(p, candidate) < Vector3.DistanceSquared(p, best)) best = candidate;
        return best;
    }

    private static Vector3 ClosestOnSegment(Vector3 p, Vector3 a, Vector3 b)
    {
        var ab = b - a;
        float lengthSquared = ab.LengthSquared();
        float t = lengthSquared > 0 ? Math.Clamp(Vector3.Dot(p - a, ab) / lengthSquared, 0f, 1f) : 0f;
        return a + ab * t;
    }
}
