using SdfLearn.Core.Distributed;
using SdfLearn.Nn.Distributed;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// A rank's shard of a <see cref="PointBatch"/>, for data-parallel training (<see cref="DataParallel{TBatch}"/>):
/// either consecutive shapes with all their points (<see cref="ByShapes"/>, for an auto-decoder's batch of shapes) or,
/// of every shape, a consecutive run of its points (<see cref="ByPoints"/>, for a batch of one shape's points). The
/// shard is copied into one batch allocated at the first call and refilled after.
/// </summary>
public sealed class PointBatchSharder : IBatchSharder<PointBatch>
{
    private readonly bool _byPoints;
    private PointBatch? _shard;

    private PointBatchSharder(bool byPoints) => _byPoints = byPoints;

    /// <summary>Shards whole shapes: a batch's items are its shapes, each with its indices, points and values.</summary>
    public static PointBatchSharder ByShapes() => new(byPoints: false);

    /// <summary>Shards points: a batch's items are the points of each shape, every shape keeps the same run of them.</summary>
    public static PointBatchSharder ByPoints() => new(byPoints: true);

    /// <inheritdoc/>
    public int Count(PointBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return _byPoints ? batch.Coordinates.Shape[1] : batch.Indices.Length;
    }

    /// <inheritdoc/>
    public PointBatch Shard(PointBatch batch, BatchShard shard)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int shapes = batch.Indices.Length, points = batch.Coordinates.Shape[1], d = batch.Coordinates.Shape[2];
        var (shardShapes, shardPoints) = _byPoints ? (shapes, shard.Count) : (shard.Count, points);
        if (_shard is null || _shard.Indices.Length != shardShapes || _shard.Coordinates.Shape[1] != shardPoints
            || _shard.Coordinates.Shape[2] != d || (_shard.Normals is null) != (batch.Normals is null))
            _shard = new PointBatch(shardShapes, shardPoints, d, batch.Normals is not null);
        if (!_byPoints)
        {
            shard.CopyItems<int>(batch.Indices, _shard.Indices);
            shard.CopyItems<float>(batch.Coordinates.Span, _shard.Coordinates.Span);
            shard.CopyItems<float>(batch.Values.Span, _shard.Values.Span);
            if (batch.Normals is not null) shard.CopyItems<float>(batch.Normals.Span, _shard.Normals!.Span);
            return _shard;
        }
        batch.Indices.CopyTo(_shard.Indices, 0);
        for (int n = 0; n < shapes; n++)
        {
            shard.CopyItems<float>(batch.Coordinates.Span.Slice(n * points * d, points * d), _shard.Coordinates.Span.Slice(n * shard.Count * d));
            shard.CopyItems<float>(batch.Values.Span.Slice(n * points, points), _shard.Values.Span.Slice(n * shard.Count));
            if (batch.Normals is not null)
                shard.CopyItems<float>(batch.Normals.Span.Slice(n * points * d, points * d), _shard.Normals!.Span.Slice(n * shard.Count * d));
        }
        return _shard;
    }
}
