using SdfLearn.Core;

namespace SdfLearn.Models.Data;

/// <summary>
/// Serves an <see cref="SdfDataset"/> in fixed-size batches, reshuffled every epoch from a seed, optionally with
/// query points per field (<see cref="QuerySampler"/>). Every batch has exactly <see cref="BatchSize"/> fields: the
/// remainder of an epoch (fewer than a batch) is skipped, and different fields are skipped each epoch when shuffling.
/// All buffers are allocated once; each batch refills <see cref="SdfBatch"/> in place. The same seed gives the same
/// batches and points.
/// </summary>
public sealed class SdfDataLoader
{
    private readonly SdfDataset _data;
    private readonly int[] _order;
    private readonly SeededRandom _shuffleRandom;
    private readonly SeededRandom _pointRandom;
    private readonly QuerySampler? _sampler;

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
        var root = new SeededRandom(seed);
        _shuffleRandom = root.Fork();
        _pointRandom = root.Fork();
        _order = new int[data.Count];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
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

    /// <summary>One pass over the data: reshuffles (if enabled), then yields <see cref="Batch"/> refilled <see cref="BatchesPerEpoch"/> times.</summary>
    public IEnumerable<SdfBatch> Epoch()
    {
        if (Shuffle) _shuffleRandom.Shuffle(_order.AsSpan());
        for (int b = 0; b < BatchesPerEpoch; b++)
        {
            Fill(b);
            yield return Batch;
        }
    }

    private void Fill(int batchIndex)
    {
        int size = _data.Resolution * _data.Resolution;
        var fields = Batch.Fields.Span;
        for (int k = 0; k < BatchSize; k++)
        {
            int index = _order[batchIndex * BatchSize + k];
            Batch.Indices[k] = index;
            Batch.Labels[k] = _data.Labels[index];
            var field = _data.Field(index);
            field.CopyTo(fields.Slice(k * size, size));
            if (_sampler is not null)
            {
                int points = Batch.Values!.Shape[1];
                _sampler.Sample(field, _data.Resolution, _pointRandom,
                    Batch.Points!.Span.Slice(k * 2 * points, 2 * points), Batch.Values.Span.Slice(k * points, points));
            }
        }
    }
}
