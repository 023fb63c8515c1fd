using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Sdf.Geometry;

/// <summary>Draws points uniformly over a mesh's surface (triangles chosen in proportion to their area), with the triangles' unit normals.</summary>
public sealed class SurfaceSampler
{
    private readonly double[] _cumulativeArea;

    /// <summary>Prepares sampling over <paramref name="mesh"/>.</summary>
    /// <exception cref="ArgumentException">The mesh has no area.</exception>
    public SurfaceSampler(TriangleMesh mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        Mesh = mesh;
        _cumulativeArea = new double[mesh.TriangleCount];
        double total = 0;
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            var (a, b, c) = mesh.Triangle(t);
            total += 0.5 * Vector3.Cross(b - a, c - a).Length();
            _cumulativeArea[t] = total;
        }
        if (!(total > 0)) throw new ArgumentException("The mesh has no surface area to sample.", nameof(mesh));
    }

    /// <summary>The mesh sampled.</summary>
    public TriangleMesh Mesh { get; }

    /// <summary>Fills <paramref name="points"/> and <paramref name="normals"/> (same length) with surface samples drawn from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public void Sample(SeededRandom random, Span<Vector3> points, Span<Vector3> normals)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (points.Length != normals.Length) throw new ArgumentException("Points and normals must have the same length.", nameof(normals));
        double total = _cumulativeArea[^1];
        for (int i = 0; i < points.Length; i++)
        {
            int t = Array.BinarySearch(_cumulativeArea, random.NextDouble() * total);
            if (t < 0) t = ~t;
            t = Math.Min(t, _cumulativeArea.Length - 1);
            var (a, b, c) = Mesh.Triangle(t);
            float r1 = MathF.Sqrt((float)random.NextDouble()), r2 = (float)random.NextDouble();
            points[i] = a * (1 - r1) + b * (r1 * (1 - r2)) + c * (r1 * r2);
            normals[i] = Vector3.Normalize(Vector3.Cross(b - a, c - a));
        }
    }
}
