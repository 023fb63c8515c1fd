using SdfLearn.Autodiff;
using SdfLearn.Core.Distributed;
using SdfLearn.Nn.Training;

namespace SdfLearn.Nn.Distributed;

/// <summary>
/// What the ranks of a data-parallel run exchange after each backward pass, in one all-reduce: the share-weighted
/// gradients, the share-weighted loss terms (so every rank reports the global batch's mean) and whether any rank was
/// asked to stop (so all stop after the same step).
/// </summary>
internal sealed class StepExchange(ICommunicator communicator, IReadOnlyList<Parameter<float>> parameters)
{
    private const int StopSlot = 0, TotalSlot = 1, FirstPartSlot = 2;
    private GradientAllReduce? _reduce;
    private string[] _names = [];

    /// <summary>The bytes each rank sends into the all-reduce of one step (0 before the first step).</summary>
    public long BytesPerStep => _reduce?.BytesPerStep ?? 0;

    /// <summary>
    /// Sums the gradients and <paramref name="local"/>'s terms over the ranks, each weighted by its rank's
    /// <paramref name="share"/>, and tells whether any rank's <paramref name="stopRequested"/> was set. A term that is
    /// not finite on one rank makes the global one not finite on all.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loss's named parts changed since the first step.</exception>
    public (LossTerms Terms, bool Stop) Reduce(LossTerms local, double share, bool stopRequested)
    {
        if (_reduce is null)
        {
            _names = local.Names.ToArray();
            _reduce = new GradientAllReduce(communicator, parameters, FirstPartSlot + _names.Length);
        }
        if (!local.Names.SequenceEqual(_names))
            throw new InvalidOperationException($"The loss's parts changed from ({string.Join(", ", _names)}) to ({string.Join(", ", local.Names)}); data-parallel training sends a fixed set.");
        var scalars = _reduce.Scalars;
        scalars[StopSlot] = stopRequested ? 1 : 0;
        scalars[TotalSlot] = (float)(share * local.Total);
        for (int i = 0; i < _names.Length; i++) scalars[FirstPartSlot + i] = (float)(share * local[_names[i]]);
        _reduce.Reduce(share);
        var sums = _reduce.Scalars.ToArray();
        var parts = _names.Select((name, i) => (name, (double)sums[FirstPartSlot + i])).ToArray();
        return (LossTerms.Of(sums[TotalSlot], parts), sums[StopSlot] > 0);
    }
}
