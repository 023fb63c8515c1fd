using SdfLearn.Core.Distributed;
using SdfLearn.Sdf.Data;
using SdfLearn.Tests.Nn.Training;

namespace SdfLearn.Tests.Sdf.Data;

public class SdfBatchSharderTests
{
    [Fact]
    public void Shards_AreTheGlobalBatchsRows_AndTogetherTheWholeBatch()
    {
        var loader = new SdfDataLoader(TinyData.Discs(12, 8, seed: 3), batchSize: 5, seed: 1, queryPoints: new QueryPointOptions { PointsPerShape = 6 });
        var global = loader.Epoch(0).First();
        var sharder = new SdfBatchSharder();
        Assert.Equal(5, sharder.Count(global));

        var fields = new List<float>();
        var points = new List<float>();
        var values = new List<float>();
        var indices = new List<int>();
        for (int rank = 0; rank < 2; rank++)
        {
            var part = sharder.Shard(global, BatchShard.Of(5, rank, 2));
            Assert.Equal(rank == 0 ? 3 : 2, part.Indices.Length);
            fields.AddRange(part.Fields.ToArray());
            points.AddRange(part.Points!.ToArray());
            values.AddRange(part.Values!.ToArray());
            indices.AddRange(part.Indices);
        }
        Assert.Equal(global.Fields.ToArray(), fields);
        Assert.Equal(global.Points!.ToArray(), points);
        Assert.Equal(global.Values!.ToArray(), values);
        Assert.Equal(global.Indices, indices);
    }
}
