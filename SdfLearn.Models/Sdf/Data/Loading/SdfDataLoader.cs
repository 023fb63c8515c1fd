using SdfLearn.Core;
using SdfLearn.Nn.Data;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// Serves an <see cref="SdfDataset"/> in fixed-size batches, reshuffled every epoch from a seed, optionally with
/// query points per field (<see cref="QuerySampler"/>). Every batch has exactly <see cref="BatchSize"/> fields: the
/// remainder of an epoch (fewer than a batch) is skipped, and different fields are skipped each epoch when shuffling.
/// All buffers are allocated once; each batch refills <see cref="SdfBatch"/> in place. The same seed gives the same
/// batches and points.
/// </summary>
public sealed class SdfDataLoader : IBatchSource<SdfBatch>
{
    private readonly SdfDataset _data;
    private const ulong PointStream = 2; // key for SeededRandom.Derive (1 is the shuffle's, in EpochOrder)
    private readonly EpochOrder _order;
    private readonly ulong _seed;
    private readonly QuerySampler? _sampler;
    private readonly SeededRandom _random = new(0); // reseeded per epoch and batch, so batches allocate nothing
    private int _nextEpoch;

    /// <summary>Creates a loader.</summary>
    /// <param name="data">The fields.</param>
    /// <param name="batchSize">Fields per batch, at most the dataset size.</param>
    /// <param name="seed">Seed of the shuffling and point sampling.</param>
    /// <param name="shuffle">Whether to reshuffle every epoch (default true); false serves the fields in order.</param>
    /// <param name="queryPoints">Query-point sampling for implicit decoders, or null for fields only.</param>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is not in [1, dataset size].</exception>
    public SdfDataLoader(SdfDataset data, int batchSize, ulong seed, bool shuffle = true, QueryPointOptions? queryPoints = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1 || batchSize > data.Count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"Batch size must be in [1, {data.Count}] for this dataset.");
        _data = data;
        BatchSize = batchSize;
        Shuffle = shuffle;
        _seed = seed;
        _order = new EpochOrder(data.Count, seed, shuffle);
        _sampler = queryPoints is null ? null : new QuerySampler(queryPoints);
        Batch = new SdfBatch(batchSize, data.Resolution, queryPoints?.PointCount(data.Resolution) ?? 0);
    }

    /// <summary>Fields per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch reshuffles.</summary>
    public bool Shuffle { get; }

    /// <summary>Full batches per epoch (the remainder is skipped).</summary>
    public int BatchesPerEpoch => _data.Count / BatchSize;

    /// <summary>The batch instance every iteration refills.</summary>
    public SdfBatch Batch { get; }

    /// <summary>The next pass over the data (epoch 0, 1, 2, ... on successive calls); see <see cref="Epoch(int, int)"/>.</summary>
    public IEnumerable<SdfBatch> Epoch() => Epoch(_nextEpoch++);

    /// <summary>
    /// Pass number <paramref name="epoch"/> over the data, from batch <paramref name="startBatch"/> on: yields
    /// <see cref="Batch"/> refilled for each batch. The order of epoch e and the points of its batch b depend only on
    /// (seed, e, b), so a run can resume anywhere and see exactly what an uninterrupted run would.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The epoch is negative or the start batch is outside [0, <see cref="BatchesPerEpoch"/>].</exception>
    public IEnumerable<SdfBatch> Epoch(int epoch, int startBatch = 0)
    {
        EpochOrder.CheckStart(epoch, startBatch, BatchesPerEpoch);
        return Batches(epoch, startBatch);
    }

    private IEnumerable<SdfBatch> Batches(int epoch, int startBatch)
    {
        var order = _order.For(epoch);
        for (int b = startBatch; b < BatchesPerEpoch; b++)
        {
            _random.Reseed(_seed, PointStream, (ulong)epoch, (ulong)b);
            Fill(order, b, _random);
            yield return Batch;
        }
    }

    private void Fill(int[] order, int batchIndex, SeededRandom pointRandom)
    {
        int size = _data.Resolution * _data.Resolution;
        var fields = Batch.Fields.Span;
        for (int k = 0; k < BatchSize; k++)
        {
            int index = order[batchIndex * BatchSize + k];
            Batch.Indices[k] = index;
            Batch.Labels[k] = _data.Labels[index];
            var field = _data.Field(index);
            field.CopyTo(fields.Slice(k * size, size));
            if (_sampler is not null)
            {
                int points = Batch.Values!.Shape[1];
                _sampler.Sample(field, _data.Resolution, pointRandom,
                    Batch.Points!.Span.Slice(k * 2 * points, 2 * points), Batch.Values.Span.Slice(k * points, points));
            }
        }
    }
}
