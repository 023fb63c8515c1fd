using SdfLearn.Core.Distributed;

namespace SdfLearn.Nn.Distributed;

/// <summary>
/// Data-parallel training over the ranks of a job, for <c>Trainer&lt;TBatch&gt;.Parallel</c>: every rank draws the same
/// global batch, trains on its own shard of it, and the ranks sum their share-weighted gradients in one all-reduce per
/// step before the same optimiser step, so all ranks keep the same weights and the run follows the global batch's
/// mean loss as one process would.
/// </summary>
/// <typeparam name="TBatch">The batch type.</typeparam>
public sealed class DataParallel<TBatch>
{
    private readonly IBatchSharder<TBatch> _sharder;

    /// <summary>Spreads batches over <paramref name="communicator"/>'s ranks, cut by <paramref name="sharder"/>.</summary>
    public DataParallel(ICommunicator communicator, IBatchSharder<TBatch> sharder)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        ArgumentNullException.ThrowIfNull(sharder);
        (Communicator, _sharder) = (communicator, sharder);
    }

    /// <summary>The job's ranks.</summary>
    public ICommunicator Communicator { get; }

    /// <summary>This rank's shard of <paramref name="global"/> and where it lies.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The batch has fewer items than there are ranks.</exception>
    public (TBatch Batch, BatchShard Shard) Take(TBatch global)
    {
        var shard = BatchShard.Of(_sharder.Count(global), Communicator.Rank, Communicator.Size);
        return (_sharder.Shard(global, shard), shard);
    }
}
