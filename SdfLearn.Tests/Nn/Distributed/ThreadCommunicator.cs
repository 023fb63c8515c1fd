using SdfLearn.Core.Distributed;

namespace SdfLearn.Tests.Nn.Distributed;

/// <summary>
/// The ranks of a job as threads of this process, for tests of data-parallel library code without <c>mpirun</c>: every
/// collective meets at a barrier, and sums add the ranks' values in rank order (for two ranks that is the one sum
/// MPI can form, as float addition is commutative), so two threads compute what two MPI ranks would.
/// </summary>
internal sealed class ThreadCommunicator : ICommunicator
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);
    private readonly Shared _shared;

    private ThreadCommunicator(Shared shared, int rank) => (_shared, Rank) = (shared, rank);

    public int Rank { get; }

    public int Size => _shared.Values.Length;

    /// <summary>
    /// Runs <paramref name="body"/> once per rank of a job of <paramref name="size"/>, each on its own thread, and returns
    /// the ranks' results in rank order; an exception on any rank is rethrown (the others then give up waiting in their
    /// next collective).
    /// </summary>
    public static T[] Run<T>(int size, Func<ICommunicator, T> body)
    {
        var shared = new Shared(size);
        var results = new T[size];
        var errors = new Exception?[size];
        var threads = Enumerable.Range(0, size).Select(rank => new Thread(() =>
        {
            try
            {
                results[rank] = body(new ThreadCommunicator(shared, rank));
            }
            catch (Exception e)
            {
                errors[rank] = e;
                shared.Barrier.RemoveParticipant(); // the others fail their next collective instead of waiting for this rank
            }
        }, maxStackSize: 16 << 20)).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        if (errors.FirstOrDefault(e => e is not null and not BrokenJobException) is { } error)
            throw new AggregateException($"rank {Array.IndexOf(errors, error)} failed", errors.Where(e => e is not null)!);
        return results;
    }

    public void AllReduceSum(Span<float> values) => Sum(values);

    public void AllReduceSum(Span<double> values) => Sum(values);

    public void Broadcast(Span<byte> bytes, int root)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)root, (uint)Size, nameof(root));
        var all = Exchange(bytes.ToArray());
        all[root].CopyTo(bytes);
        Meet();
    }

    public void Barrier() => Meet();

    public void Abort(string message, int exitCode = 1) => throw new InvalidOperationException($"rank {Rank} of {Size}: {message}");

    public void Dispose()
    {
    }

    /// <summary>Replaces <paramref name="values"/> by the sums over the ranks, added in rank order.</summary>
    private void Sum<T>(Span<T> values) where T : System.Numerics.INumber<T>
    {
        var all = Exchange(values.ToArray());
        for (int i = 0; i < values.Length; i++)
        {
            T sum = all[0][i];
            for (int r = 1; r < all.Length; r++) sum += all[r][i];
            values[i] = sum;
        }
        Meet();
    }

    /// <summary>Posts this rank's values and returns every rank's, once all have posted.</summary>
    private T[][] Exchange<T>(T[] values)
    {
        _shared.Values[Rank] = values;
        Meet();
        if (_shared.Barrier.ParticipantCount < Size) throw new BrokenJobException();
        return _shared.Values.Cast<T[]>().ToArray();
    }

    private void Meet()
    {
        if (!_shared.Barrier.SignalAndWait(Patience)) throw new BrokenJobException();
    }

    private sealed class Shared(int size)
    {
        public object[] Values { get; } = new object[size];

        public System.Threading.Barrier Barrier { get; } = new(size);
    }

    /// <summary>Another rank failed or never came to the collective.</summary>
    private sealed class BrokenJobException() : Exception("Another rank of the job failed.");
}
