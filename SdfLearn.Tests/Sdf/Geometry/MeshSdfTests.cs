using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Tests.Sdf.Geometry;

public class MeshSdfTests
{
    private static Vector3 RandomPoint(SeededRandom random, float half) =>
        new((float)(random.NextDouble() * 2 - 1) * half, (float)(random.NextDouble() * 2 - 1) * half, (float)(random.NextDouble() * 2 - 1) * half);

    [Fact]
    public void ParametricMeshesAreClosedAndFaceOutward()
    {
        var torus = new Torus(Vector3.Zero, 0.6f, 0.25f);
        foreach (var (mesh, centre) in new[]
                 {
                     (ParametricMeshes.Sphere(new Sphere(new Vector3(0.1f, 0, 0), 0.7f), 12, 20), new Vector3(0.1f, 0, 0)),
                     (ParametricMeshes.Box(new Box(Vector3.Zero, new Vector3(0.3f, 0.4f, 0.5f))), Vector3.Zero),
                 })
        {
            Assert.True(MeshTopology.IsClosedAndOriented(mesh));
            var bvh = new TriangleBvh(mesh);
            Assert.InRange(bvh.WindingNumber(centre), 0.94f, 1.06f); // coarse meshes: the far-field expansion errs by a few per cent
        }
        var torusMesh = ParametricMeshes.Torus(torus, 24, 12);
        Assert.True(MeshTopology.IsClosedAndOriented(torusMesh));
        Assert.InRange(new TriangleBvh(torusMesh).WindingNumber(new Vector3(0.6f, 0, 0)), 0.97f, 1.03f);
        Assert.InRange(new TriangleBvh(torusMesh).WindingNumber(Vector3.Zero), -0.03f, 0.03f);
    }

    [Fact]
    public void ClosestPointAndWindingNumberMatchBruteForce()
    {
        var mesh = ParametricMeshes.Torus(new Torus(Vector3.Zero, 0.6f, 0.25f), 40, 20);
        var bvh = new TriangleBvh(mesh);
        var random = new SeededRandom(3);
        for (int n = 0; n < 300; n++)
        {
            var p = RandomPoint(random, 1.2f);
            float brute = float.PositiveInfinity, solidAngle = 0;
            for (int t = 0; t < mesh.TriangleCount; t++)
            {
                var (a, b, c) = mesh.Triangle(t);
                brute = MathF.Min(brute, Vector3.Distance(p, TriangleDistance.ClosestPoint(p, a, b, c)));
                solidAngle += TriangleDistance.SolidAngle(p, a, b, c);
            }
            var closest = bvh.Closest(p);
            Assert.Equal(brute, closest.Distance, 5);
            var (ta, tb, tc) = mesh.Triangle(closest.Triangle);
            Assert.Equal(closest.Distance, Vector3.Distance(p, TriangleDistance.ClosestPoint(p, ta, tb, tc)), 5);
            Assert.InRange(bvh.WindingNumber(p) - solidAngle / (4 * MathF.PI), -0.03f, 0.03f); // far-field expansion error
        }
    }

    [Fact]
    public void SignedDistanceOfAFineMeshMatchesTheAnalyticShape()
    {
        var torus = new Torus(Vector3.Zero, 0.6f, 0.25f);
        var sdf = new MeshSdf(ParametricMeshes.Torus(torus, 192, 96));
        var random = new SeededRandom(5);
        var points = new float[3 * 2000];
        for (int i = 0; i < 2000; i++) RandomPoint(random, 1f).CopyTo(points, 3 * i);
        var values = new float[2000];
        sdf.Evaluate(points, values);
        for (int i = 0; i < 2000; i++)
        {
            float exact = torus.Distance(new Vector3(points.AsSpan(3 * i, 3)));
            Assert.True(MathF.Abs(exact - values[i]) < 2e-3f, $"point {i}: mesh {values[i]}, exact {exact}");
        }
    }

    [Fact]
    public void WindingNumberSignSurvivesHolesAndFlippedFaces()
    {
        var sphere = new Sphere(Vector3.Zero, 0.8f);
        var mesh = ParametricMeshes.Sphere(sphere, 24, 48);
        var indices = (int[])mesh.Indices.Clone();
        var kept = new List<int>();
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            if (t % 97 == 0) continue; // holes
            if (t % 89 == 0) (indices[3 * t + 1], indices[3 * t + 2]) = (indices[3 * t + 2], indices[3 * t + 1]); // flipped
            kept.AddRange(indices.AsSpan(3 * t, 3));
        }
        var damaged = new MeshSdf(new TriangleMesh(mesh.Positions, [.. kept]));
        var random = new SeededRandom(9);
        for (int n = 0; n < 500; n++)
        {
            var p = RandomPoint(random, 1f);
            float exact = sphere.Distance(p);
            if (MathF.Abs(exact) < 0.05f) continue;
            Assert.Equal(MathF.Sign(exact), MathF.Sign(damaged.Distance(p)));
        }
    }
}
