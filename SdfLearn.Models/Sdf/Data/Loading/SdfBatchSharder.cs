using SdfLearn.Core.Distributed;
using SdfLearn.Nn.Distributed;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// A rank's shard of an <see cref="SdfBatch"/>: fields, labels, indices and query points of consecutive items, copied
/// into one batch allocated at the first call and refilled after.
/// </summary>
public sealed class SdfBatchSharder : IBatchSharder<SdfBatch>
{
    private SdfBatch? _shard;

    /// <inheritdoc/>
    public int Count(SdfBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Indices.Length;
    }

    /// <inheritdoc/>
    public SdfBatch Shard(SdfBatch batch, BatchShard shard)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int resolution = batch.Fields.Shape[2], points = batch.Values?.Shape[1] ?? 0;
        if (_shard is null || _shard.Indices.Length != shard.Count || _shard.Fields.Shape[2] != resolution || (_shard.Values?.Shape[1] ?? 0) != points)
            _shard = new SdfBatch(shard.Count, resolution, points);
        shard.CopyItems<float>(batch.Fields.Span, _shard.Fields.Span);
        shard.CopyItems<byte>(batch.Labels, _shard.Labels);
        shard.CopyItems<int>(batch.Indices, _shard.Indices);
        if (batch.Points is not null) shard.CopyItems<float>(batch.Points.Span, _shard.Points!.Span);
        if (batch.Values is not null) shard.CopyItems<float>(batch.Values.Span, _shard.Values!.Span);
        return _shard;
    }
}
