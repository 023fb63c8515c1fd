using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Tests.Sdf.Geometry;

public class SamplingTests
{
    [Fact]
    public void NormalisationPutsTheMeshInTheUnitSphereAndInverts()
    {
        var mesh = ParametricMeshes.Box(new Box(new Vector3(10, -3, 2), new Vector3(4, 1, 2)));
        var transform = SimilarityTransform.IntoUnitSphere(mesh, padding: 0.03f);
        var unit = mesh.Transformed(transform);
        Assert.Equal(1f / 1.03f, unit.Positions.Max(p => p.Length()), 5);
        var back = unit.Transformed(transform.Inverse);
        for (int i = 0; i < mesh.VertexCount; i++) Assert.True(Vector3.Distance(mesh.Positions[i], back.Positions[i]) < 1e-5f);
    }

    [Fact]
    public void SamplesOfATorusMeshHaveTheAnalyticDistances()
    {
        var torus = new Torus(Vector3.Zero, 0.6f, 0.25f);
        var mesh = ParametricMeshes.Torus(torus, 192, 96);
        var samples = MeshSdfSampler.Sample(mesh, new SdfSamplingOptions { Count = 4000, Seed = 3 });
        Assert.Equal(4000, samples.Count);
        int near = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            var p = samples.Normalization.Inverse.Apply(new Vector3(samples.Points.AsSpan(3 * i, 3)));
            float exact = torus.Distance(p) * samples.Normalization.Scale;
            Assert.True(MathF.Abs(exact - samples.Values[i]) < 3e-3f, $"sample {i}: {samples.Values[i]} vs {exact}");
            if (MathF.Abs(exact) < 0.05f) near++;
        }
        Assert.InRange(near, 2400, 3700); // most samples hug the surface, as DeepSDF's recipe wants
    }

    [Fact]
    public void SamplesDependOnTheSeedOnlyNotTheThreads()
    {
        var mesh = ParametricMeshes.Sphere(new Sphere(Vector3.Zero, 1), 16, 32);
        int saved = ComputeThreads.MaxThreads;
        try
        {
            ComputeThreads.MaxThreads = 1;
            var one = MeshSdfSampler.Sample(mesh, new SdfSamplingOptions { Count = 5000 });
            ComputeThreads.MaxThreads = 2;
            var two = MeshSdfSampler.Sample(mesh, new SdfSamplingOptions { Count = 5000 });
            Assert.Equal(one.Points, two.Points);
            Assert.Equal(one.Values, two.Values);
        }
        finally
        {
            ComputeThreads.MaxThreads = saved;
        }
    }

    [Fact]
    public void TheBundledBunnyIsClosedAndOutwardFacing()
    {
        var bunny = MeshFile.Read(RepositoryFiles.Find("data/bunny/bunny.ply"));
        Assert.Equal(1839, bunny.VertexCount);
        Assert.Equal(3674, bunny.TriangleCount);
        Assert.True(MeshTopology.IsClosedAndOriented(bunny));
        var samples = MeshSdfSampler.Sample(bunny, new SdfSamplingOptions { Count = 3000 });
        Assert.InRange(samples.Values.Count(v => v < 0), 600, 2400);
        Assert.True(samples.Values.Where((v, i) => i >= 2700).Count(v => v < 0) < 300, "few uniform samples fall inside");
    }
}
