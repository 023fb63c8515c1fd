using System.Numerics;
using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Tests.Sdf.Geometry;

public class MeshFitterTests
{
    private static readonly MeshFitOptions Small = new()
    {
        Sampling = new SdfSamplingOptions { Count = 16384, Seed = 2 },
        HiddenWidth = 32, HiddenLayers = 3, Epochs = 24, BatchSize = 512, LearningRate = 3e-3, Seed = 2,
    };

    [Fact]
    public void ASmallDecoderLearnsATorusMeshWhoseExtractedVerticesLieNearTheTrueSurface()
    {
        var torus = new Torus(new Vector3(3, -1, 2), 1.2f, 0.5f);
        var mesh = ParametricMeshes.Torus(torus, 64, 32);
        var fit = MeshFitter.Fit(mesh, Small);
        Assert.True(fit.EpochLosses[^1] < fit.EpochLosses[0]);
        var output = fit.ExtractMesh(48);
        Assert.True(MeshTopology.IsClosedAndOriented(output));
        double error = output.Positions.Average(p => Math.Abs(torus.Distance(p))) / mesh.Bounds.Diagonal;
        Assert.True(error < 0.01, $"mean vertex error {error:P3} of the box diagonal");
    }

    [Fact]
    public void FittingIsDeterministicForASeed()
    {
        var mesh = ParametricMeshes.Sphere(new Sphere(Vector3.Zero, 1f), 8, 16);
        var options = Small with { Epochs = 2, Sampling = Small.Sampling with { Count = 4096 } };
        var a = MeshFitter.Fit(mesh, options);
        var b = MeshFitter.Fit(mesh, options);
        Assert.Equal(a.EpochLosses, b.EpochLosses);
    }

    [Fact]
    public void TheEikonalTermTrainsAndBringsTheGradientNormTowardsOneOnUniformPoints()
    {
        var mesh = ParametricMeshes.Sphere(new Sphere(Vector3.Zero, 1f), 12, 24);
        var options = Small with { Epochs = 6, Sampling = Small.Sampling with { Count = 4096 } };
        var plain = MeshFitter.Fit(mesh, options);
        var eikonal = MeshFitter.Fit(mesh, options with { EikonalWeight = 0.1f });
        Assert.All(eikonal.EpochLosses, loss => Assert.True(double.IsFinite(loss)));
        double without = plain.EikonalResidual(4096), with = eikonal.EikonalResidual(4096);
        Assert.True(with < 0.8 * without, $"mean ||∇f| − 1| {with:F4} with the term, {without:F4} without");
    }

    [Fact]
    public void OptionsOutOfRangeAreRefused()
    {
        var mesh = ParametricMeshes.Sphere(new Sphere(Vector3.Zero, 1f), 8, 16);
        Assert.Throws<ArgumentOutOfRangeException>(() => MeshFitter.Fit(mesh, Small with { Epochs = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeshFitter.Fit(mesh, Small with { BatchSize = 100_000 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeshFitter.Fit(mesh, Small with { EikonalWeight = -1 }));
    }
}
