using SdfLearn.Core;

namespace SdfLearn.Nn.Data;

/// <summary>
/// The order in which an epoch visits a dataset's items: in order, or a permutation that depends only on (seed, epoch),
/// so a batch source can start any epoch at any batch. The buffer is allocated once and refilled per epoch.
/// </summary>
public sealed class EpochOrder
{
    private const ulong ShuffleStream = 1; // key for SeededRandom.Reseed
    private readonly int[] _order;
    private readonly ulong _seed;
    private readonly bool _shuffle;
    private readonly SeededRandom _random = new(0);

    /// <summary>An order over <paramref name="count"/> items, shuffled from <paramref name="seed"/> when <paramref name="shuffle"/>.</summary>
    public EpochOrder(int count, ulong seed, bool shuffle)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        (_order, _seed, _shuffle) = (new int[count], seed, shuffle);
    }

    /// <summary>Fills the order of epoch <paramref name="epoch"/> and returns it (valid until the next call).</summary>
    public int[] For(int epoch)
    {
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        if (_shuffle)
        {
            _random.Reseed(_seed, ShuffleStream, (ulong)epoch);
            _random.Shuffle(_order.AsSpan());
        }
        return _order;
    }

    /// <summary>The argument checks of <see cref="IBatchSource{TBatch}.Epoch"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The epoch is negative or the start batch is outside [0, <paramref name="batchesPerEpoch"/>].</exception>
    public static void CheckStart(int epoch, int startBatch, int batchesPerEpoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (startBatch < 0 || startBatch > batchesPerEpoch)
            throw new ArgumentOutOfRangeException(nameof(startBatch), startBatch, $"The start batch must be in [0, {batchesPerEpoch}].");
    }
}
