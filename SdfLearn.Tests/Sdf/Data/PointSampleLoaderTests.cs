using SdfLearn.Core;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Tests.Sdf.Data;

public sealed class PointSampleLoaderTests
{
    /// <summary>Six shapes of ten 3D points whose values encode (shape, point) and whose normals repeat the coordinates.</summary>
    private static PointSamples Data()
    {
        var coordinates = new Tensor<float>(new Shape(6, 10, 3));
        for (int i = 0; i < coordinates.Length; i++) coordinates.Span[i] = i;
        var values = new Tensor<float>(new Shape(6, 10));
        for (int i = 0; i < values.Length; i++) values.Span[i] = i;
        return new PointSamples(coordinates, values, coordinates.Clone());
    }

    private static List<float[]> Values(PointSampleLoader loader, int epoch, int start = 0) =>
        loader.Epoch(epoch, start).Select(b => b.Values.ToArray()).ToList();

    [Fact]
    public void Batches_DependOnlyOnSeedEpochAndBatch()
    {
        var loader = new PointSampleLoader(Data(), batchSize: 2, seed: 5, pointsPerShape: 4);
        var epoch1 = Values(loader, 1);
        Assert.Equal(3, epoch1.Count);
        Assert.Equal(epoch1, Values(new PointSampleLoader(Data(), 2, seed: 5, pointsPerShape: 4), 1));
        Assert.Equal(epoch1.Skip(2), Values(loader, 1, start: 2));
        Assert.NotEqual(epoch1, Values(loader, 2));
    }

    [Fact]
    public void Subsets_HoldDistinctPointsOfTheRightShape_WithTheirCoordinatesAndNormals()
    {
        var loader = new PointSampleLoader(Data(), batchSize: 3, seed: 1, pointsPerShape: 7);
        foreach (var batch in loader.Epoch(0))
            for (int k = 0; k < 3; k++)
            {
                var points = Enumerable.Range(0, 7).Select(i => (int)batch.Values[k, i, 0]).ToArray();
                Assert.All(points, p => Assert.Equal(batch.Indices[k], p / 10));
                Assert.Equal(7, points.Distinct().Count());
                for (int i = 0; i < 7; i++)
                {
                    Assert.Equal(3f * points[i], batch.Coordinates[k, i, 0]);
                    Assert.Equal(batch.Coordinates[k, i, 2], batch.Normals![k, i, 2]);
                }
            }
    }

    [Fact]
    public void MismatchedTensors_AreRefusedWithTheirShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new PointSamples(new Tensor<float>(new Shape(2, 5, 3)), new Tensor<float>(new Shape(2, 4))));
        Assert.Contains("[2, 5]", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PointSampleLoader(Data(), batchSize: 2, seed: 0, pointsPerShape: 11));
    }
}
