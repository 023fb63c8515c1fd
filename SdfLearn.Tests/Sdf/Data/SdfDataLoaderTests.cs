using SdfLearn.Sdf.Data;

namespace SdfLearn.Tests.Sdf.Data;

public class SdfDataLoaderTests
{
    private static readonly SdfDataset Data =
        MnistSdf.Fields(BundledSample.Load().Slice(0, 100), new SdfOptions { Resolution = 16 });

    private static List<int[]> Indices(SdfDataLoader loader) => loader.Epoch().Select(b => (int[])b.Indices.Clone()).ToList();

    [Fact]
    public void BatchesHaveFixedShapesAndAnEpochUsesDistinctFields()
    {
        var loader = new SdfDataLoader(Data, batchSize: 32, seed: 5, queryPoints: new QueryPointOptions { PointsPerShape = 64 });
        Assert.Equal(3, loader.BatchesPerEpoch);
        var indices = new List<int>();
        foreach (var batch in loader.Epoch())
        {
            Assert.Equal([32, 1, 16, 16], batch.Fields.Shape.Dims.ToArray());
            Assert.Equal([32, 64, 2], batch.Points!.Shape.Dims.ToArray());
            Assert.Equal([32, 64, 1], batch.Values!.Shape.Dims.ToArray());
            for (int k = 0; k < 32; k++)
            {
                Assert.Equal(Data.Labels[batch.Indices[k]], batch.Labels[k]);
                Assert.Equal(Data.Field(batch.Indices[k]).ToArray(), batch.Fields.Span.Slice(k * 256, 256).ToArray());
            }
            indices.AddRange(batch.Indices);
        }
        Assert.Equal(96, indices.Distinct().Count());
    }

    [Fact]
    public void ShufflingIsSeededAndDiffersBetweenEpochs()
    {
        var a = new SdfDataLoader(Data, 10, seed: 1);
        var b = new SdfDataLoader(Data, 10, seed: 1);
        var firstEpoch = Indices(a);
        Assert.Equal(firstEpoch, Indices(b));
        Assert.NotEqual(firstEpoch, Indices(a));
        Assert.NotEqual(firstEpoch, Indices(new SdfDataLoader(Data, 10, seed: 2)));
        Assert.Equal(Enumerable.Range(0, 10).ToArray(), Indices(new SdfDataLoader(Data, 10, seed: 1, shuffle: false))[0]);
    }

    [Fact]
    public void BatchesAreFilledWithoutAllocating()
    {
        var loader = new SdfDataLoader(Data, 2, seed: 3, queryPoints: new QueryPointOptions { PointsPerShape = 128 });
        foreach (var _ in loader.Epoch()) { } // warm-up: JIT tiers and the sampler's scratch
        using var batches = loader.Epoch().GetEnumerator();
        Assert.True(batches.MoveNext());
        long before = GC.GetAllocatedBytesForCurrentThread();
        int count = 0;
        while (batches.MoveNext()) count++;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(loader.BatchesPerEpoch - 1, count);
        Assert.Equal(0, allocated);
        Assert.Same(loader.Batch, batches.Current);
    }

    [Fact]
    public void BatchLargerThanTheDatasetIsRefused()
    {
        Assert.Contains("[1, 100]", Assert.Throws<ArgumentOutOfRangeException>(() => new SdfDataLoader(Data, 101, 1)).Message);
    }
}
