using System.Numerics;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// An indexed triangle mesh: float positions and three vertex indices per triangle, counter-clockwise seen from
/// outside (so the right-hand normal points out), and optionally one normal per vertex for smooth shading.
/// </summary>
public sealed class TriangleMesh
{
    /// <summary>
    /// A mesh over <paramref name="positions"/> with triangles <paramref name="indices"/> (three per triangle) and, when
    /// not null, per-vertex <paramref name="normals"/> (normally unit vectors pointing out, such as
    /// <see cref="VertexNormals.FromField"/> gives); the arrays are kept, not copied.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The index count is not a multiple of 3, an index is out of range, a position is not finite, or the normals are
    /// not one per position or not all finite.
    /// </exception>
    public TriangleMesh(Vector3[] positions, int[] indices, Vector3[]? normals = null)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Length % 3 != 0)
            throw new ArgumentException($"{indices.Length} indices is not a whole number of triangles.", nameof(indices));
        for (int i = 0; i < positions.Length; i++)
        {
            if (!IsFinite(positions[i]))
                throw new ArgumentException($"Vertex {i} is not finite: {positions[i]}.", nameof(positions));
        }
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)positions.Length)
                throw new ArgumentException($"Triangle {i / 3} refers to vertex {indices[i]}, but the mesh has {positions.Length}.", nameof(indices));
        }
        if (normals is not null)
        {
            if (normals.Length != positions.Length)
                throw new ArgumentException($"{normals.Length} normals for {positions.Length} vertices; a mesh has one normal per vertex or none.", nameof(normals));
            for (int i = 0; i < normals.Length; i++)
            {
                if (!IsFinite(normals[i]))
                    throw new ArgumentException($"The normal of vertex {i} is not finite: {normals[i]}.", nameof(normals));
            }
        }
        (Positions, Indices, Normals) = (positions, indices, normals);
        Bounds = BoundingBox.Of(positions);
    }

    /// <summary>The vertex positions.</summary>
    public Vector3[] Positions { get; }

    /// <summary>Three vertex indices per triangle.</summary>
    public int[] Indices { get; }

    /// <summary>One normal per vertex, or null when the mesh has none (viewers then shade it flat).</summary>
    public Vector3[]? Normals { get; }

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

    /// <summary>The same vertices and triangles with <paramref name="normals"/> (one per vertex, or null for none).</summary>
    /// <exception cref="ArgumentException">The normals are not one per vertex or not all finite.</exception>
    public TriangleMesh WithNormals(Vector3[]? normals) => new(Positions, Indices, normals);

    /// <summary>
    /// The same vertices and triangles with normals from the field whose gradient is <paramref name="gradient"/>,
    /// evaluated at the vertices as they are (so in the field's frame): see <see cref="VertexNormals.FromField"/>.
    /// </summary>
    public TriangleMesh WithFieldNormals(GradientBatch gradient) => WithNormals(VertexNormals.FromField(this, gradient));

    /// <summary>
    /// A copy with every vertex mapped through <paramref name="transform"/>. Normals map as the gradient of a field
    /// does (by the inverse transpose of the linear part, here sign(scale)·I) and are renormalised, so they still
    /// point out of the moved surface. A mirroring transform (negative scale) flips the triangles' corner order so they
    /// stay counter-clockwise seen from outside; it adds no flip of its own to the normals.
    /// </summary>
    public TriangleMesh Transformed(SimilarityTransform transform)
    {
        var positions = new Vector3[Positions.Length];
        for (int i = 0; i < positions.Length; i++) positions[i] = transform.Apply(Positions[i]);
        var indices = Indices;
        if (transform.Scale < 0)
        {
            indices = (int[])Indices.Clone();
            for (int i = 0; i < indices.Length; i += 3) (indices[i + 1], indices[i + 2]) = (indices[i + 2], indices[i + 1]);
        }
        Vector3[]? normals = null;
        if (Normals is not null)
        {
            normals = new Vector3[Normals.Length];
            for (int i = 0; i < normals.Length; i++) normals[i] = transform.ApplyToNormal(Normals[i]);
        }
        return new TriangleMesh(positions, indices, normals);
    }

    private static bool IsFinite(Vector3 v) => float.IsFinite(v.X) && float.IsFinite(v.Y) && float.IsFinite(v.Z);
}
