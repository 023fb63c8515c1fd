using SdfLearn.Core;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Tests.Sdf.Data;

public class QuerySamplerTests
{
    private const int S = 32;

    private static float[] DigitField(int index = 0)
    {
        var field = new float[S * S];
        new SdfTransform(new SdfOptions { Resolution = S }).Transform(BundledSample.Load().Images.Image(index), 28, 28, field);
        return field;
    }

    private static (float[] Points, float[] Values) Sample(QueryPointOptions options, float[] field, ulong seed)
    {
        int n = options.PointCount(S);
        var points = new float[2 * n];
        var values = new float[n];
        new QuerySampler(options).Sample(field, S, new SeededRandom(seed), points, values);
        return (points, values);
    }

    [Fact]
    public void GridGivesEveryPixelCentreWithItsValue()
    {
        var field = DigitField();
        var (points, values) = Sample(new QueryPointOptions { Sampling = QuerySampling.Grid }, field, 1);
        Assert.Equal(field, values);
        int k = 5 * S + 7;
        Assert.Equal((5f / S - 0.5f, 7f / S - 0.5f), (points[2 * k], points[2 * k + 1]));
    }

    [Fact]
    public void InterpolationHitsPixelValuesAtCentresAndBlendsBetween()
    {
        var field = DigitField();
        Assert.Equal(field[3 * S + 4], SdfGrid.Sample(field, S, SdfGrid.Coordinate(3, S), SdfGrid.Coordinate(4, S)), 6);
        float mid = SdfGrid.Sample(field, S, SdfGrid.Coordinate(3, S) + 0.5f / S, SdfGrid.Coordinate(4, S));
        Assert.Equal((field[3 * S + 4] + field[4 * S + 4]) / 2, mid, 6);
        Assert.Equal(field[S * S - 1], SdfGrid.Sample(field, S, 0.5f, 0.5f), 6);
    }

    [Fact]
    public void UniformPointsStayInsideTheGridAndCarryInterpolatedValues()
    {
        var field = DigitField();
        var (points, values) = Sample(new QueryPointOptions { Sampling = QuerySampling.Uniform, PointsPerShape = 2000 }, field, 2);
        for (int k = 0; k < values.Length; k++)
        {
            Assert.InRange(points[2 * k], -0.5f, SdfGrid.MaxCoordinate(S));
            Assert.InRange(points[2 * k + 1], -0.5f, SdfGrid.MaxCoordinate(S));
            Assert.Equal(SdfGrid.Sample(field, S, points[2 * k], points[2 * k + 1]), values[k]);
        }
        Assert.InRange(points.Where((_, i) => i % 2 == 0).Average(), -0.05f, 0.03f);
    }

    [Fact]
    public void NearSurfacePointsConcentrateAtTheZeroLevelSet()
    {
        var field = DigitField();
        var (_, uniform) = Sample(new QueryPointOptions { Sampling = QuerySampling.Uniform, PointsPerShape = 4000 }, field, 3);
        var (_, near) = Sample(new QueryPointOptions { PointsPerShape = 4000 }, field, 3);
        double nearMean = near.Average(v => Math.Abs(v)), uniformMean = uniform.Average(v => Math.Abs(v));
        Assert.True(nearMean < uniformMean / 3, $"near-surface mean |sdf| {nearMean} vs uniform {uniformMean}");
        Assert.InRange(near.Count(v => v < 0) / 4000.0, 0.25, 0.75); // both sides of the surface
    }

    [Fact]
    public void SameSeedSamePointsAndEmptyFieldFallsBackToUniform()
    {
        var field = DigitField(4);
        var options = new QueryPointOptions { PointsPerShape = 300 };
        var (points, values) = Sample(options, field, 9);
        Assert.Equal(points, Sample(options, field, 9).Points);
        Assert.Equal(values, Sample(options, field, 9).Values);
        Assert.NotEqual(Sample(options, field, 9).Points, Sample(options, field, 10).Points);

        var empty = new float[S * S];
        new SdfTransform(new SdfOptions { Resolution = S }).FromMask(new bool[S * S], empty);
        Assert.All(Sample(options, empty, 1).Values, v => Assert.True(v > 0));
    }

    [Fact]
    public void WrongBufferLengthsAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new QuerySampler().Sample(new float[S * S], S, new SeededRandom(1), new float[10], new float[5]));
        Assert.Contains("512", e.Message);
    }
}
