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
        CopyItems(batch.Fields.Span, _shard.Fields.Span, shard);
        CopyItems<byte>(batch.Labels, _shard.Labels, shard);
        CopyItems<int>(batch.Indices, _shard.Indices, shard);
        if (batch.Points is not null) CopyItems(batch.Points.Span, _shard.Points!.Span, shard);
        if (batch.Values is not null) CopyItems(batch.Values.Span, _shard.Values!.Span, shard);
        return _shard;
    }

    /// <summary>Copies the shard's items from a buffer of the whole batch, whose items are equal-sized runs.</summary>
    private static void CopyItems<T>(ReadOnlySpan<T> whole, Span<T> part, BatchShard shard)
    {
        int perItem = whole.Length / shard.GlobalCount;
        whole.Slice(shard.Start * perItem, shard.Count * perItem).CopyTo(part);
    }
}
