using SdfLearn.Core;
using SdfLearn.Nn.Data;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// Serves <see cref="PointSamples"/> in batches of whole shapes, reshuffled every epoch, each shape with all its points
/// or a fresh random subset of them per batch. Every batch has exactly <see cref="BatchSize"/> shapes (the remainder of
/// an epoch is skipped). Order and subsets depend only on (seed, epoch, batch); buffers are allocated once and each
/// batch refills <see cref="Batch"/>.
/// </summary>
public sealed class PointSampleLoader : IBatchSource<PointBatch>
{
    private const ulong PointStream = 2; // key for SeededRandom.Derive (1 is the shuffle's, in EpochOrder)
    private readonly PointSamples _data;
    private readonly EpochOrder _order;
    private readonly int[] _points;
    private readonly ulong _seed;
    private readonly SeededRandom _random = new(0); // reseeded per epoch and batch, so batches allocate nothing

    /// <summary>Creates a loader.</summary>
    /// <param name="data">The shapes.</param>
    /// <param name="batchSize">Shapes per batch, at most the shape count.</param>
    /// <param name="seed">Seed of the shuffling and point subsets.</param>
    /// <param name="shuffle">Whether to reshuffle the shapes every epoch (default true).</param>
    /// <param name="pointsPerShape">Points drawn (without repeats) per shape per batch, or null for all of them in order.</param>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is not in [1, shape count] or the points per shape not in [1, P].</exception>
    public PointSampleLoader(PointSamples data, int batchSize, ulong seed, bool shuffle = true, int? pointsPerShape = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1 || batchSize > data.Count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"The batch size must be in [1, {data.Count}] for these {data.Count} shapes.");
        int points = pointsPerShape ?? data.PointsPerShape;
        if (points < 1 || points > data.PointsPerShape)
            throw new ArgumentOutOfRangeException(nameof(pointsPerShape), pointsPerShape, $"The points per shape must be in [1, {data.PointsPerShape}].");
        (_data, BatchSize, _seed) = (data, batchSize, seed);
        _order = new EpochOrder(data.Count, seed, shuffle);
        _points = new int[data.PointsPerShape];
        Batch = new PointBatch(batchSize, points, data.Dimensions, data.Normals is not null);
    }

    /// <summary>Shapes per batch.</summary>
    public int BatchSize { get; }

    /// <inheritdoc/>
    public int BatchesPerEpoch => _data.Count / BatchSize;

    /// <summary>The batch instance every iteration refills.</summary>
    public PointBatch Batch { get; }

    /// <inheritdoc/>
    public IEnumerable<PointBatch> Epoch(int epoch, int startBatch = 0)
    {
        EpochOrder.CheckStart(epoch, startBatch, BatchesPerEpoch);
        return Batches(epoch, startBatch);
    }

    private IEnumerable<PointBatch> Batches(int epoch, int startBatch)
    {
        var order = _order.For(epoch);
        for (int b = startBatch; b < BatchesPerEpoch; b++)
        {
            _random.Reseed(_seed, PointStream, (ulong)epoch, (ulong)b);
            for (int k = 0; k < BatchSize; k++) Fill(k, order[b * BatchSize + k]);
            yield return Batch;
        }
    }

    private void Fill(int slot, int shape)
    {
        int all = _data.PointsPerShape, taken = Batch.Values.Shape[1], d = _data.Dimensions;
        for (int i = 0; i < all; i++) _points[i] = i;
        if (taken < all)
            for (int i = 0; i < taken; i++) // partial Fisher-Yates: the first `taken` entries become a random subset
            {
                int j = i + _random.NextInt(all - i);
                (_points[i], _points[j]) = (_points[j], _points[i]);
            }
        Batch.Indices[slot] = shape;
        var coordinates = _data.Coordinates.Span;
        var values = _data.Values.Span;
        for (int i = 0; i < taken; i++)
        {
            int source = shape * all + _points[i], target = slot * taken + i;
            coordinates.Slice(source * d, d).CopyTo(Batch.Coordinates.Span.Slice(target * d, d));
            Batch.Values.Span[target] = values[source];
            if (Batch.Normals is not null) _data.Normals!.Span.Slice(source * d, d).CopyTo(Batch.Normals.Span.Slice(target * d, d));
        }
    }
}
