using SdfLearn.Sdf.Data;

namespace SdfLearn.Tests.Sdf.Data;

public sealed class PointSamplesTests
{
    private static float Disc(ReadOnlySpan<float> p) => MathF.Sqrt(p[0] * p[0] + p[1] * p[1]) - 0.3f;

    [Fact]
    public void Sample_DrawsOneShapeInsideTheBounds_WithTheDistanceAtEveryPoint()
    {
        var samples = PointSamples.Sample(Disc, dimensions: 2, points: 500, low: -0.5f, high: 0.25f, seed: 3);
        Assert.Equal((1, 500, 2), (samples.Count, samples.PointsPerShape, samples.Dimensions));
        Assert.Null(samples.Normals);
        Assert.All(samples.Coordinates.ToArray(), c => Assert.InRange(c, -0.5f, 0.25f));
        Assert.True(samples.Coordinates.ToArray().Max() > 0.2f, "the points do not fill the bounds");
        for (int p = 0; p < 500; p++)
            Assert.Equal(Disc([samples.Coordinates[0, p, 0], samples.Coordinates[0, p, 1]]), samples.Values[0, p]);
        Assert.Equal(samples.Coordinates.ToArray(), PointSamples.Sample(Disc, 2, 500, -0.5f, 0.25f, seed: 3).Coordinates.ToArray());
        Assert.NotEqual(samples.Coordinates.ToArray(), PointSamples.Sample(Disc, 2, 500, -0.5f, 0.25f, seed: 4).Coordinates.ToArray());
    }

    [Theory]
    [InlineData(0, 10, -1f, 1f)]
    [InlineData(2, 0, -1f, 1f)]
    [InlineData(2, 10, 1f, 1f)]
    [InlineData(2, 10, -1f, float.PositiveInfinity)]
    public void Sample_RefusesEmptyOrBadBounds(int dimensions, int points, float low, float high) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PointSamples.Sample(Disc, dimensions, points, low, high, seed: 1));
}
