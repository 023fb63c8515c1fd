using SdfLearn.Core;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Reconstruction;

namespace SdfLearn.Tests.Sdf.Reconstruction;

public class PointFitTests
{
    private const int Resolution = 32;
    private const float Radius = 0.3f;

    /// <summary>The exact signed distance to a circle of radius 0.3 about (0.02, -0.03), on the S × S grid.</summary>
    private static float[] CircleField()
    {
        var field = new float[Resolution * Resolution];
        for (int i = 0; i < Resolution; i++)
            for (int j = 0; j < Resolution; j++)
            {
                float r = SdfGrid.Coordinate(i, Resolution) - 0.02f, c = SdfGrid.Coordinate(j, Resolution) + 0.03f;
                field[i * Resolution + j] = MathF.Sqrt(r * r + c * c) - Radius;
            }
        return field;
    }

    [Fact]
    public void ContourPoints_LieOnTheCircle_WithOutwardNormals()
    {
        var surface = SurfacePoints.FromField(CircleField(), Resolution);
        Assert.InRange(surface.Count, 40, 80); // one per crossed cell edge: about 2πr·S·4/π
        for (int k = 0; k < surface.Count; k++)
        {
            float r = surface.Points[k, 0] - 0.02f, c = surface.Points[k, 1] + 0.03f, distance = MathF.Sqrt(r * r + c * c);
            Assert.InRange(distance, Radius - 0.005f, Radius + 0.005f);
            Assert.InRange((surface.Normals[k, 0] * r + surface.Normals[k, 1] * c) / distance, 0.98f, 1.0001f);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FittingACircle_FromPoints_GivesADistanceField(bool normals)
    {
        var surface = SurfacePoints.FromField(CircleField(), Resolution);
        var options = new PointFitOptions { Steps = 150, Width = 32, HiddenLayers = 2, NormalWeight = normals ? 1 : 0, LearningRate = 5e-3 };
        var (network, losses) = PointFit.Fit(surface, options);
        var metrics = PointFit.Evaluate(network, CircleField(), Resolution, surface);
        Assert.True(losses[^1] < losses[0], $"loss {losses[0]} → {losses[^1]}");
        Assert.True(metrics.Iou > 0.97, metrics.ToString());
        Assert.True(metrics.MeanEikonalError < 0.1, metrics.ToString());
        Assert.True(metrics.PointsToContour < 0.3 && metrics.ContourToPoints < 0.5, metrics.ToString());
    }
}
