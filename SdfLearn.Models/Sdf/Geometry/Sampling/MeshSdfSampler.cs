using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// DeepSDF-style training data from a mesh: the mesh is normalised into the unit sphere, then samples are drawn near the
/// surface (area-weighted surface points plus Gaussian noise of two widths) and uniformly in [-1, 1]³, and their signed
/// distances computed exactly (<see cref="MeshSdf"/>: BVH distance, winding-number sign) on up to
/// <see cref="ComputeThreads.MaxThreads"/> threads.
/// </summary>
public static class MeshSdfSampler
{
    /// <summary>Samples the signed distance field of <paramref name="mesh"/> (in any coordinates) as <paramref name="options"/> say.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not positive or the fraction is outside [0, 1].</exception>
    public static SdfSamples Sample(TriangleMesh mesh, SdfSamplingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        options ??= new SdfSamplingOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Count);
        if (!(options.NearSurfaceFraction is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.NearSurfaceFraction, "The near-surface fraction must be in [0, 1].");
        var normalization = SimilarityTransform.IntoUnitSphere(mesh, options.Padding);
        var normalized = mesh.Transformed(normalization);
        float[] points = SamplePoints(normalized, options);
        var values = new float[options.Count];
        new MeshSdf(normalized).Evaluate(points, values);
        return new SdfSamples(points, values, normalization);
    }

    /// <summary>The sample positions (3 floats each): wide, then narrow near-surface points, then uniform ones.</summary>
    public static float[] SamplePoints(TriangleMesh normalizedMesh, SdfSamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(normalizedMesh);
        ArgumentNullException.ThrowIfNull(options);
        int near = (int)Math.Round(options.Count * options.NearSurfaceFraction);
        int wide = near / 2;
        var random = SeededRandom.Derive(options.Seed, 0x5DF);
        var surface = new Vector3[near];
        new SurfaceSampler(normalizedMesh).Sample(random, surface, new Vector3[near]);
        var points = new float[3 * options.Count];
        for (int i = 0; i < options.Count; i++)
        {
            Vector3 p;
            if (i < near)
            {
                float sigma = i < wide ? options.WideSigma : options.NarrowSigma;
                p = surface[i] + sigma * new Vector3((float)random.NextNormal(), (float)random.NextNormal(), (float)random.NextNormal());
            }
            else p = new Vector3((float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble()) * 2f - Vector3.One;
            p.CopyTo(points, 3 * i);
        }
        return points;
    }
}
