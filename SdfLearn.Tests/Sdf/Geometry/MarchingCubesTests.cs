using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Tests.Sdf.Geometry;

public class MarchingCubesTests
{
    private static readonly BoundingBox Cube = new(new Vector3(-1), new Vector3(1));

    [Theory]
    [InlineData(24)]
    [InlineData(37)]
    public void TorusMeshIsClosedOrientedAndOnTheSurface(int resolution)
    {
        var torus = new Torus(new Vector3(0.03f, -0.02f, 0.01f), 0.6f, 0.25f);
        var mesh = MarchingCubes.Extract(torus.Evaluate, Cube, resolution);
        Assert.True(MeshTopology.IsClosedAndOriented(mesh));
        double error = mesh.Positions.Average(p => Math.Abs(torus.Distance(p)));
        Assert.True(error / Cube.Diagonal < 1e-3, $"mean vertex error {error / Cube.Diagonal:P3} of the diagonal");
        var bvh = new TriangleBvh(mesh);
        Assert.InRange(bvh.WindingNumber(new Vector3(0.63f, -0.02f, 0.01f)), 0.95f, 1.05f);
        Assert.InRange(bvh.WindingNumber(new Vector3(0.03f, -0.02f, 0.01f)), -0.05f, 0.05f);
    }

    [Fact]
    public void RandomFieldsWithManyAmbiguousCubesStayWatertight()
    {
        var random = new SeededRandom(11);
        var noise = new float[9 * 9 * 9];
        for (int i = 0; i < noise.Length; i++) noise[i] = (float)random.NextDouble() - 0.5f;
        void Field(ReadOnlySpan<float> points, Span<float> values)
        {
            for (int n = 0; n < values.Length; n++)
            {
                var p = new Vector3(points.Slice(3 * n, 3));
                var g = Vector3.Round((p + Vector3.One) * 4f);
                float ball = p.Length() - 0.8f;
                values[n] = ball > -0.1f ? MathF.Max(ball, 0.05f) : noise[((int)g.Z * 9 + (int)g.Y) * 9 + (int)g.X];
            }
        }
        var mesh = MarchingCubes.Extract(Field, Cube, 8);
        Assert.True(mesh.TriangleCount > 50);
        Assert.True(MeshTopology.IsClosedAndOriented(mesh));
    }

    [Fact]
    public void EveryCubeCaseIsClosedForAnyFaceResolution()
    {
        for (int mask = 1; mask < 255; mask++)
        {
            int ambiguous = CubeCases.AmbiguousFaces[mask];
            for (int bits = 0; bits < 64; bits++)
            {
                if ((bits & ~ambiguous) != 0) continue;
                var triangles = CubeCases.Get(mask, bits).Triangles;
                Assert.True(triangles.Length >= 3);
                Assert.Equal(0, triangles.Length % 3);
            }
        }
    }

    [Fact]
    public void OutputDoesNotDependOnTheThreadCount()
    {
        var shape = new ShapeUnion(new Sphere(new Vector3(-0.4f, 0, 0), 0.35f), new Capsule(new Vector3(0.1f, -0.5f, 0), new Vector3(0.5f, 0.5f, 0.1f), 0.2f));
        int saved = ComputeThreads.MaxThreads;
        try
        {
            ComputeThreads.MaxThreads = 1;
            var one = MarchingCubes.Extract(shape.Evaluate, Cube, 40);
            ComputeThreads.MaxThreads = 2;
            var two = MarchingCubes.Extract(shape.Evaluate, Cube, 40);
            Assert.Equal(one.Positions, two.Positions);
            Assert.Equal(one.Indices, two.Indices);
            Assert.True(MeshTopology.IsClosedAndOriented(one));
        }
        finally
        {
            ComputeThreads.MaxThreads = saved;
        }
    }
}
