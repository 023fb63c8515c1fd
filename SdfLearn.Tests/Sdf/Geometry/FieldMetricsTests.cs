using System.Numerics;
using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Tests.Sdf.Geometry;

public class FieldMetricsTests
{
    /// <summary>∇ of s · |x − c|: unit length times <paramref name="scale"/> everywhere but the centre.</summary>
    private static GradientBatch ScaledSphereGradient(Vector3 centre, float scale) => (points, gradients) =>
    {
        for (int i = 0; i < points.Length / 3; i++)
        {
            var direction = Vector3.Normalize(new Vector3(points.Slice(3 * i, 3)) - centre) * scale;
            direction.CopyTo(gradients.Slice(3 * i, 3));
        }
    };

    [Theory]
    [InlineData(1f, 0.0)]
    [InlineData(2f, 1.0)]
    [InlineData(0.25f, 0.75)]
    public void TheEikonalResidualIsTheMeanDistanceOfTheGradientNormFromOne(float scale, double expected)
    {
        double residual = FieldMetrics.EikonalResidual(ScaledSphereGradient(new Vector3(0.1f, -0.2f, 0.3f), scale), 4096);
        Assert.Equal(expected, residual, 5);
    }

    [Fact]
    public void TheEikonalResidualNeedsPoints() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FieldMetrics.EikonalResidual(ScaledSphereGradient(Vector3.Zero, 1f), 0));
}
