using System.Numerics;
using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Tests.Sdf.Geometry;

public class ShapeCollectionFitterTests
{
    [Fact]
    public void RandomShapesFitInsideTheUnitSphereAndCycleThroughKinds()
    {
        var shapes = RandomShapes.Create(10, seed: 3);
        Assert.Equal(10, shapes.Count);
        Assert.IsType<Sphere>(shapes[0]);
        Assert.IsType<Torus>(shapes[2]);
        Assert.IsType<ShapeUnion>(shapes[4]);
        foreach (var shape in shapes)
        {
            var box = shape.Bounds;
            Assert.True(box.Min.Length() < 1.2f && box.Max.Length() < 1.2f);
            Assert.True(shape.Distance(box.Center + new Vector3(2f)) > 0);
        }
        Assert.Equal(shapes[3].Bounds, RandomShapes.Create(10, seed: 3)[3].Bounds);
    }

    [Fact]
    public void AnAutoDecoderLearnsTwoShapesWithDistinctCodesDeterministically()
    {
        var meshes = new[]
        {
            ParametricMeshes.Sphere(new Sphere(Vector3.Zero, 1f), 8, 16),
            ParametricMeshes.Torus(new Torus(Vector3.Zero, 1f, 0.4f), 16, 8),
        };
        var options = new ShapeCollectionFitOptions
        {
            Sampling = new SdfSamplingOptions { Count = 2048 }, LatentSize = 4, HiddenWidth = 24, HiddenLayers = 2,
            Epochs = 30, ShapesPerBatch = 2, PointsPerShape = 256, LearningRate = 3e-3,
        };
        var fit = ShapeCollectionFitter.Fit(meshes, options);
        Assert.True(fit.EpochLosses[^1] < 0.5 * fit.EpochLosses[0]);
        Assert.NotEqual(fit.Code(0), fit.Code(1));
        Assert.Equal(fit.Code(0), fit.Interpolate(0, 1, 0f));
        Assert.Equal(fit.Code(1), fit.Interpolate(0, 1, 1f));
        Assert.Equal(fit.EpochLosses, ShapeCollectionFitter.Fit(meshes, options).EpochLosses);
    }
}
