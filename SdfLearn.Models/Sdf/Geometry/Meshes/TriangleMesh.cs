using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// An indexed triangle mesh: float positions and three vertex indices per triangle, counter-clockwise seen from
/// outside (so the right-hand normal points out).
/// </summary>
public sealed class TriangleMesh
{
    /// <summary>A mesh over <paramref name="positions"/> with triangles <paramref name="indices"/> (three per triangle); the arrays are kept, not copied.</summary>
    /// <exception cref="ArgumentException">The index count is not a multiple of 3, an index is out of range, or a position is not finite.</exception>
    public TriangleMesh(Vector3[] positions, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Length % 3 != 0)
            throw new ArgumentException($"{indices.Length} indices is not a whole number of triangles.", nameof(indices));
        for (int i = 0; i < positions.Length; i++)
        {
            var p = positions[i];
            if (!float.IsFinite(p.X) || !float.IsFinite(p.Y) || !float.IsFinite(p.Z))
                throw new ArgumentException($"Vertex {i} is not finite: {p}.", nameof(positions));
        }
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)positions.Length)
                throw new ArgumentException($"Triangle {i / 3} refers to vertex {indices[i]}, but the mesh has {positions.Length}.", nameof(indices));
        }
        (Positions, Indices) = (positions, indices);
        Bounds = BoundingBox.Of(positions);
    }

    /// <summary>The vertex positions.</summary>
    public Vector3[] Positions { get; }

    /// <summary>Three vertex indices per triangle.</summary>
    public int[] Indices { get; }

    /// <summary>The number of vertices.</summary>
    public int VertexCount => Positions.Length;

    /// <summary>The number of triangles.</summary>
    public int TriangleCount => Indices.Length / 3;

    /// <summary>The box around every vertex.</summary>
    public BoundingBox Bounds { get; }

    /// <summary>The corners of triangle <paramref name="triangle"/>.</summary>
    public (Vector3 A, Vector3 B, Vector3 C) Triangle(int triangle) =>
        (Positions[Indices[3 * triangle]], Positions[Indices[3 * triangle + 1]], Positions[Indices[3 * triangle + 2]]);

    /// <summary>The total area of the triangles.</summary>
    public double SurfaceArea()
    {
        double area = 0;
        for (int t = 0; t < TriangleCount; t++)
        {
            var (a, b, c) = Triangle(t);
            area += 0.5 * Vector3.Cross(b - a, c - a).Length();
        }
        return area;
    }

    /// <summary>A copy with every vertex mapped through <paramref name="transform"/> (same triangles).</summary>
    public TriangleMesh Transformed(SimilarityTransform transform)
    {
        var positions = new Vector3[Positions.Length];
        for (int i = 0; i < positions.Length; i++) positions[i] = transform.Apply(Positions[i]);
        return new TriangleMesh(positions, Indices);
    }
}
