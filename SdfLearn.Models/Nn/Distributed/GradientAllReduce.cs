using SdfLearn.Autodiff;
using SdfLearn.Core.Distributed;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace SdfLearn.Nn.Distributed;

/// <summary>
/// Data-parallel gradient exchange: packs every parameter's gradient into one reusable buffer, sums it over the ranks
/// in a single all-reduce (one call per step, not one per tensor), and unpacks the sum. A few extra scalars (loss sums,
/// a stop request) can ride in the same call through <see cref="Scalars"/>. All ranks must hold the same parameters in
/// the same order.
/// </summary>
/// <remarks>
/// If each rank's loss is the mean over its shard of a global batch, the gradient of the global mean is
/// <c>sum over ranks of share_r * g_r</c> with <c>share_r = shard size / global batch</c> (<see cref="BatchShard.Share"/>),
/// which is what <see cref="Reduce"/> computes. With equal shards and a power-of-two rank count the shares are powers of
/// two, so the scaling is exact and the result differs from one process's gradient over the whole batch only in the order
/// in which the per-item contributions are added.
/// </remarks>
public sealed class GradientAllReduce
{
    private readonly ICommunicator _communicator;
    private readonly Parameter<float>[] _parameters;
    private readonly float[] _buffer;
    private readonly int _gradientLength;

    /// <summary>Prepares the exchange for <paramref name="parameters"/> (in a fixed order) with room for <paramref name="scalars"/> extra values.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scalars"/> is negative.</exception>
    public GradientAllReduce(ICommunicator communicator, IEnumerable<Parameter<float>> parameters, int scalars = 0)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(scalars);
        _communicator = communicator;
        _parameters = parameters.ToArray();
        _gradientLength = _parameters.Sum(p => p.Value.Length);
        _buffer = new float[_gradientLength + scalars];
    }

    /// <summary>
    /// Values summed over the ranks in the same call as the gradients: write them before <see cref="Reduce"/>, read the
    /// sums after it.
    /// </summary>
    public Span<float> Scalars => _buffer.AsSpan(_gradientLength);

    /// <summary>The bytes each rank contributes to the all-reduce of one step (gradients and scalars, 4 bytes each).</summary>
    public long BytesPerStep => (long)_buffer.Length * sizeof(float);

    /// <summary>
    /// Replaces every gradient on every rank by the sum over ranks of <paramref name="localShare"/> times that rank's
    /// gradient, and <see cref="Scalars"/> by their plain sums. In one process with a share of 1 nothing is done.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="localShare"/> is not in [0, 1].</exception>
    public void Reduce(double localShare)
    {
        if (!(localShare is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(localShare), localShare, "A rank's share of the global batch must be in [0, 1].");
        if (_communicator.Size == 1 && localShare == 1) return;
        Pack(p => p.Grad.Span);
        TensorPrimitives.Multiply(_buffer.AsSpan(0, _gradientLength), (float)localShare, _buffer.AsSpan(0, _gradientLength));
        _communicator.AllReduceSum(_buffer);
        Unpack(p => p.Grad.Span);
    }

    /// <summary>Copies rank <paramref name="root"/>'s parameter values to every other rank in one broadcast (e.g. the initial weights).</summary>
    public void BroadcastValues(int root = 0)
    {
        if (_communicator.Size == 1) return;
        Pack(p => p.Value.Span);
        _communicator.Broadcast(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_buffer.AsSpan(0, _gradientLength)), root);
        Unpack(p => p.Value.Span);
    }

    private void Pack(Func<Parameter<float>, Span<float>> part)
    {
        int offset = 0;
        foreach (var parameter in _parameters)
        {
            var source = part(parameter);
            source.CopyTo(_buffer.AsSpan(offset));
            offset += source.Length;
        }
    }

    private void Unpack(Func<Parameter<float>, Span<float>> part)
    {
        int offset = 0;
        foreach (var parameter in _parameters)
        {
            var destination = part(parameter);
            _buffer.AsSpan(offset, destination.Length).CopyTo(destination);
            offset += destination.Length;
        }
    }
}
