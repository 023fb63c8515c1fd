using System.Numerics;
using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Tests.Sdf.Geometry;

public class MeshMetricsTests
{
    [Fact]
    public void IdenticalMeshesScorePerfectly()
    {
        var mesh = ParametricMeshes.Torus(new Torus(Vector3.Zero, 0.6f, 0.25f), 32, 16);
        var same = MeshMetrics.Compare(mesh, mesh, samples: 4000, gridResolution: 24);
        Assert.True(same.ChamferFraction < 1e-6);
        Assert.Equal(1.0, same.NormalConsistency, 4);
        Assert.Equal(1.0, same.InsideIoU, 6);
    }

    [Fact]
    public void ConcentricSpheresGiveTheExpectedDistanceAndOverlap()
    {
        var a = ParametricMeshes.Sphere(new Sphere(Vector3.Zero, 1f), 32, 64);
        var b = ParametricMeshes.Sphere(new Sphere(Vector3.Zero, 1.1f), 32, 64);
        var comparison = MeshMetrics.Compare(a, b, samples: 4000, gridResolution: 40);
        Assert.Equal(0.1, comparison.Chamfer, 2);
        Assert.Equal(0.1 / a.Bounds.Diagonal, comparison.ChamferFraction, 3);
        Assert.True(comparison.NormalConsistency > 0.999);
        Assert.InRange(comparison.InsideIoU, 0.72, 0.78); // the volume ratio (1 / 1.1)³ = 0.751, on a 40³ grid
    }

    [Fact]
    public void MarchingCubesOfTheExactTorusIsCloseToItsParametricMesh()
    {
        var torus = new Torus(Vector3.Zero, 0.6f, 0.25f);
        var extracted = MarchingCubes.Extract(torus.Evaluate, new BoundingBox(new Vector3(-1), new Vector3(1)), 48);
        var comparison = MeshMetrics.Compare(ParametricMeshes.Torus(torus, 128, 64), extracted, samples: 5000, gridResolution: 32);
        Assert.True(comparison.ChamferFraction < 1e-3, $"Chamfer {comparison.ChamferFraction:P3} of the diagonal");
        Assert.True(comparison.NormalConsistency > 0.99);
        Assert.True(comparison.InsideIoU > 0.97);
    }
}
