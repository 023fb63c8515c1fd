using SdfLearn.Core.Distributed;

namespace SdfLearn.Tests.Core.Distributed;

public class BatchShardTests
{
    [Theory]
    [InlineData(32, 2)]
    [InlineData(10, 3)]
    [InlineData(7, 7)]
    [InlineData(5, 1)]
    public void Shards_CoverTheBatchInOrder_WithSharesSummingToOne(int batch, int ranks)
    {
        var shards = Enumerable.Range(0, ranks).Select(rank => BatchShard.Of(batch, rank, ranks)).ToList();
        Assert.Equal(Enumerable.Range(0, batch), shards.SelectMany(s => Enumerable.Range(s.Start, s.Count)));
        Assert.True(shards.Max(s => s.Count) - shards.Min(s => s.Count) <= 1);
        Assert.Equal(1.0, shards.Sum(s => s.Share), 12);
    }

    [Fact]
    public void FewerItemsThanRanks_IsRefusedWithTheSmallestBatch()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BatchShard.Of(3, 0, 4));
        Assert.Contains("use a batch of at least 4", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchShard.Of(8, 2, 2));
    }

    [Fact]
    public void CopyItems_TakesTheShardsRunsOfABuffer()
    {
        var shard = BatchShard.Of(3, 1, 2); // items 2 of 3
        var part = new int[2];
        shard.CopyItems<int>([1, 1, 2, 2, 3, 3], part);
        Assert.Equal([3, 3], part);
        Assert.Throws<ArgumentException>(() => shard.CopyItems<int>([1, 2, 3, 4], part));
    }
}
