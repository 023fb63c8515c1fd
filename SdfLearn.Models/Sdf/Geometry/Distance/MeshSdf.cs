using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// The signed distance field of a triangle mesh: the exact distance to the nearest triangle (through a
/// <see cref="TriangleBvh"/>), negative where the generalised winding number exceeds ½ — robust to small holes and a
/// few flipped faces, unlike ray parity or the nearest triangle's normal.
/// </summary>
public sealed class MeshSdf
{
    private const int ChunkSize = 2048;

    /// <summary>Builds the hierarchy over <paramref name="mesh"/>.</summary>
    public MeshSdf(TriangleMesh mesh) => Bvh = new TriangleBvh(mesh);

    /// <summary>The hierarchy answering the queries.</summary>
    public TriangleBvh Bvh { get; }

    /// <summary>The mesh.</summary>
    public TriangleMesh Mesh => Bvh.Mesh;

    /// <summary>The signed distance at <paramref name="point"/>.</summary>
    public float Distance(Vector3 point)
    {
        float distance = Bvh.Closest(point).Distance;
        return Bvh.WindingNumber(point) > 0.5f ? -distance : distance;
    }

    /// <summary>
    /// Signed distances of x, y, z triples (a <see cref="SignedDistanceBatch"/>), on up to
    /// <see cref="ComputeThreads.MaxThreads"/> threads; each value depends only on its point.
    /// </summary>
    /// <exception cref="ArgumentException">The spans do not hold 3 floats per value.</exception>
    public void Evaluate(ReadOnlySpan<float> points, Span<float> values)
    {
        if (points.Length != 3 * values.Length)
            throw new ArgumentException($"{points.Length} coordinates for {values.Length} values; expected 3 per value.", nameof(points));
        int count = values.Length;
        unsafe
        {
            fixed (float* pointer = points, output = values)
            {
                var (source, destination) = ((nint)pointer, (nint)output);
                ComputeThreads.For((count + ChunkSize - 1) / ChunkSize, chunk =>
                {
                    var p = (float*)source;
                    var v = (float*)destination;
                    int end = Math.Min(count, (chunk + 1) * ChunkSize);
                    for (int i = chunk * ChunkSize; i < end; i++) v[i] = Distance(new Vector3(p[3 * i], p[3 * i + 1], p[3 * i + 2]));
                });
            }
        }
    }
}
