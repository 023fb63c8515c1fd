using SdfLearn.Core.Distributed;

namespace SdfLearn.Nn.Distributed;

/// <summary>Cuts a rank's shard out of a global batch, for data-parallel training (<see cref="DataParallel{TBatch}"/>).</summary>
/// <typeparam name="TBatch">The batch type.</typeparam>
public interface IBatchSharder<TBatch>
{
    /// <summary>The number of items (fields, shapes...) in <paramref name="batch"/>.</summary>
    int Count(TBatch batch);

    /// <summary>
    /// Items [<see cref="BatchShard.Start"/>, + <see cref="BatchShard.Count"/>) of <paramref name="batch"/> as a batch of
    /// their own, in order; it may be an instance refilled on every call.
    /// </summary>
    TBatch Shard(TBatch batch, BatchShard shard);
}
