using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Per-vertex normals of a <see cref="TriangleMesh"/>: from the gradient of the field the mesh was extracted from
/// (smooth shading normals for a surface learnt as an SDF), or from its triangles.
/// </summary>
public static class VertexNormals
{
    /// <summary>The vertices per call of the gradient in <see cref="FromField"/>.</summary>
    public const int DefaultChunkSize = 4096;

    /// <summary>
    /// The unit normals ∇f / |∇f| at the vertices of <paramref name="mesh"/>, with ∇f from <paramref name="gradient"/>
    /// evaluated at the positions as they are (so the mesh must be in the field's frame: compute the normals before
    /// mapping the mesh elsewhere, then <see cref="TriangleMesh.Transformed"/> carries them along). They point outward,
    /// towards increasing f. For a decoder, pass <see cref="DecoderField.GradientOf{T}"/>, the exact gradient by
    /// reverse mode (as <see cref="MeshFit.Gradient"/> does): one forward and one backward pass per vertex.
    /// </summary>
    /// <remarks>
    /// The vertices go through <paramref name="gradient"/> in chunks of <paramref name="chunkSize"/>, the chunks on up
    /// to <see cref="ComputeThreads.MaxThreads"/> threads at once (so the gradient must be safe to call concurrently on
    /// disjoint buffers, as <see cref="DecoderField.GradientOf{T}"/> and <see cref="CentralDifferences.Of"/> are). The
    /// chunks are the same calls whatever the thread count, so a deterministic gradient gives the same normals on any
    /// number of threads. Where the gradient is zero or not finite (a flat patch of a ReLU network, an overflow) the
    /// vertex gets its area-weighted face normal (<see cref="FromFaces"/>) instead.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The chunk size is not positive.</exception>
    public static Vector3[] FromField(TriangleMesh mesh, GradientBatch gradient, int chunkSize = DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        int count = mesh.VertexCount;
        var points = new float[3 * count];
        for (int i = 0; i < count; i++) mesh.Positions[i].CopyTo(points, 3 * i);
        var gradients = new float[3 * count];
        int chunks = (int)(((long)count + chunkSize - 1) / chunkSize);
        ComputeThreads.For(chunks, c =>
        {
            int start = c * chunkSize, n = Math.Min(chunkSize, count - start);
            gradient(points.AsSpan(3 * start, 3 * n), gradients.AsSpan(3 * start, 3 * n));
        });
        var normals = new Vector3[count];
        Vector3[]? faces = null;
        for (int i = 0; i < count; i++)
        {
            if (Unit(new Vector3(gradients.AsSpan(3 * i, 3))) is { } normal) normals[i] = normal;
            else normals[i] = (faces ??= FromFaces(mesh))[i];
        }
        return normals;
    }

    /// <summary>
    /// Area-weighted vertex normals: each vertex's is the normalised sum of its triangles' normals weighted by their
    /// areas (the sum of their edge cross products), pointing out for counter-clockwise triangles. A vertex of no
    /// triangle, or of degenerate ones only, gets +z, so that every normal is a unit vector (as glTF asks).
    /// </summary>
    public static Vector3[] FromFaces(TriangleMesh mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        var sums = new Vector3[mesh.VertexCount];
        var indices = mesh.Indices;
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            var (a, b, c) = mesh.Triangle(t);
            var weighted = Vector3.Cross(b - a, c - a);
            for (int k = 0; k < 3; k++) sums[indices[3 * t + k]] += weighted;
        }
        for (int i = 0; i < sums.Length; i++) sums[i] = Unit(sums[i]) ?? Vector3.UnitZ;
        return sums;
    }

    /// <summary><paramref name="v"/> / |<paramref name="v"/>|, or null when it is zero or not finite.</summary>
    private static Vector3? Unit(Vector3 v)
    {
        double length = Math.Sqrt((double)v.X * v.X + (double)v.Y * v.Y + (double)v.Z * v.Z);
        if (!(length > 0) || !double.IsFinite(length)) return null;
        return new Vector3((float)(v.X / length), (float)(v.Y / length), (float)(v.Z / length));
    }
}
