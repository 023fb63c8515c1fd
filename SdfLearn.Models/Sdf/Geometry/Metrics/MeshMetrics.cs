using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Compares a mesh with a reference: Chamfer distance and normal consistency on area-weighted surface samples of both
/// (exact closest points through <see cref="TriangleBvh"/>), and the IoU of the insides on a grid. Deterministic for a
/// seed; runs on up to <see cref="ComputeThreads.MaxThreads"/> threads.
/// </summary>
public static class MeshMetrics
{
    /// <summary>Compares <paramref name="candidate"/> with <paramref name="reference"/>.</summary>
    /// <param name="reference">The ground-truth mesh.</param>
    /// <param name="candidate">The mesh judged, in the same coordinates.</param>
    /// <param name="samples">Surface samples drawn on each mesh.</param>
    /// <param name="gridResolution">Cells along each axis of the IoU grid over both meshes' boxes.</param>
    /// <param name="seed">Seed of the surface samples.</param>
    public static MeshComparison Compare(TriangleMesh reference, TriangleMesh candidate, int samples = 100_000, int gridResolution = 64, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gridResolution);
        var referenceBvh = new TriangleBvh(reference);
        var candidateBvh = new TriangleBvh(candidate);
        var (toCandidate, normalsA) = OneWay(reference, candidateBvh, samples, SeededRandom.Derive(seed, 1));
        var (toReference, normalsB) = OneWay(candidate, referenceBvh, samples, SeededRandom.Derive(seed, 2));
        double chamfer = 0.5 * (toCandidate + toReference);
        double diagonal = reference.Bounds.Diagonal;
        double iou = InsideIoU(referenceBvh, candidateBvh, gridResolution);
        return new MeshComparison(chamfer, chamfer / diagonal, 0.5 * (normalsA + normalsB), iou, diagonal);
    }

    /// <summary>Mean distance from samples of <paramref name="from"/> to the surface behind <paramref name="to"/>, and the mean |cos| between their normals.</summary>
    private static (double Distance, double NormalConsistency) OneWay(TriangleMesh from, TriangleBvh to, int samples, SeededRandom random)
    {
        var points = new Vector3[samples];
        var normals = new Vector3[samples];
        new SurfaceSampler(from).Sample(random, points, normals);
        var distances = new float[samples];
        var cosines = new float[samples];
        const int chunk = 4096;
        ComputeThreads.For((samples + chunk - 1) / chunk, c =>
        {
            for (int i = c * chunk; i < Math.Min(samples, (c + 1) * chunk); i++)
            {
                var closest = to.Closest(points[i]);
                var (a, b, tc) = to.Mesh.Triangle(closest.Triangle);
                var normal = Vector3.Cross(b - a, tc - a);
                distances[i] = closest.Distance;
                cosines[i] = normal.LengthSquared() > 0 ? MathF.Abs(Vector3.Dot(Vector3.Normalize(normal), normals[i])) : 0f;
            }
        });
        double distance = 0, cosine = 0;
        for (int i = 0; i < samples; i++) (distance, cosine) = (distance + distances[i], cosine + cosines[i]);
        return (distance / samples, cosine / samples);
    }

    private static double InsideIoU(TriangleBvh a, TriangleBvh b, int resolution)
    {
        var box = a.Mesh.Bounds.Union(b.Mesh.Bounds);
        var step = box.Size / resolution;
        var both = new long[resolution];
        var either = new long[resolution];
        ComputeThreads.For(resolution, k =>
        {
            for (int j = 0; j < resolution; j++)
                for (int i = 0; i < resolution; i++)
                {
                    var p = box.Min + (new Vector3(i, j, k) + new Vector3(0.5f)) * step;
                    bool inA = a.WindingNumber(p) > 0.5f, inB = b.WindingNumber(p) > 0.5f;
                    if (inA && inB) both[k]++;
                    if (inA || inB) either[k]++;
                }
        });
        long union = either.Sum();
        return union == 0 ? 1.0 : (double)both.Sum() / union;
    }
}
