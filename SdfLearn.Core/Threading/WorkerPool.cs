using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace SdfLearn.Core;

/// <summary>
/// Persistent background threads that help run one <see cref="ComputeThreads"/> region at a time. The caller
/// publishes its region (a cached per-body-type object holding a copy of the body), wakes as many helpers as the
/// region may use, takes chunks itself from a shared counter, then closes the region and waits only for helpers
/// that joined: a helper the OS wakes late finds the region closed and goes back to sleep, so a busy machine costs
/// the caller no more than the chunks it runs alone. Between regions a helper polls for up to 5 ms, then blocks on a semaphore.
/// Nothing is allocated per region once a body type has run.
/// </summary>
internal static class WorkerPool
{
    /// <summary>Set in <see cref="_state"/> while no region is open; the low bits count helpers inside the region.</summary>
    private const int Closed = 1 << 30;

    /// <summary>
    /// How long a helper polls for the next region before it sleeps. On the shared 2-core machine, waking a sleeping
    /// helper took 1.2 ms on average while other processes ran on the second core (they finish their time slice first),
    /// about a whole 512³ product. Longer than such a slice, so a helper preempted while polling still polls when it runs again.
    /// </summary>
    private static readonly long PollTicks = Stopwatch.Frequency * 5 / 1000;

    private static readonly object Growing = new();
    private static readonly SemaphoreSlim Wake = new(0);
    private static int _busy;
    private static int _state = Closed;
    private static int _workers;
    private static Region? _region;

    /// <summary>True on worker threads, and on a caller while it runs its region's chunks.</summary>
    [ThreadStatic] private static bool _inRegion;

    /// <summary>
    /// Runs the region on up to <paramref name="threads"/> threads (the caller included); false, without running
    /// anything, when called from inside a region or while another caller's region runs (the caller then runs it inline).
    /// </summary>
    public static bool TryRun<TBody>(int chunkCount, int threads, ref TBody body) where TBody : struct, IChunkBody
    {
        if (_inRegion || Interlocked.CompareExchange(ref _busy, 1, 0) != 0) return false;
        var region = Region<TBody>.Instance;
        try
        {
            EnsureWorkers(threads - 1);
            region.Body = body;
            region.Start(chunkCount);
            _region = region;
            Volatile.Write(ref _state, 0);
            Wake.Release(threads - 1);
            _inRegion = true;
            region.RunChunks();
            _inRegion = false;
            Interlocked.Or(ref _state, Closed);
            WaitForHelpers();
            _region = null;
            region.Body = default;
            region.ThrowIfFailed();
        }
        finally
        {
            _inRegion = false;
            Volatile.Write(ref _busy, 0);
        }
        return true;
    }

    /// <summary>
    /// Waits until the helpers inside the region have left it: they are finishing their last chunk, usually within tens of
    /// microseconds. It spins without yielding for up to <see cref="PollTicks"/>, then yields the core between checks (a
    /// helper preempted by another process, or more threads than cores). The default <see cref="SpinWait.SpinOnce()"/>
    /// yields after about ten turns and sleeps 1 ms after twenty: on the shared 2-core machine each yield handed the core
    /// to another process for a time slice, and enc5's 1.6 ms forward pass took 2-3 ms whenever a helper ended last.
    /// </summary>
    private static void WaitForHelpers()
    {
        long deadline = Stopwatch.GetTimestamp() + PollTicks;
        var spinner = new SpinWait();
        while (Volatile.Read(ref _state) != Closed)
        {
            if (Stopwatch.GetTimestamp() < deadline) Thread.SpinWait(30);
            else spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private static void EnsureWorkers(int count)
    {
        if (Volatile.Read(ref _workers) >= count) return;
        lock (Growing)
        {
            while (_workers < count)
            {
                new Thread(Work) { IsBackground = true, Name = $"SdfLearn compute {_workers + 1}" }.Start();
                _workers++;
            }
        }
    }

    /// <summary>
    /// Returns as soon as a region is released, or after <see cref="PollTicks"/>; the semaphore then blocks only when
    /// none came. Regions that follow each other closely (a training step, a benchmark loop) find the helper awake.
    /// </summary>
    private static void PollForRegion()
    {
        long deadline = Stopwatch.GetTimestamp() + PollTicks;
        while (Wake.CurrentCount == 0 && Stopwatch.GetTimestamp() < deadline) Thread.SpinWait(30);
    }

    private static void Work()
    {
        _inRegion = true;
        while (true)
        {
            PollForRegion();
            Wake.Wait();
            int state = Volatile.Read(ref _state);
            // Join only an open region; a late wake-up finds it closed and sleeps again.
            while ((state & Closed) == 0)
            {
                int seen = Interlocked.CompareExchange(ref _state, state + 1, state);
                if (seen == state)
                {
                    _region!.RunChunks();
                    Interlocked.Decrement(ref _state);
                    break;
                }
                state = seen;
            }
        }
    }

    /// <summary>A region's shared chunk counter and first failure; the body lives in the typed subclass.</summary>
    private abstract class Region
    {
        private int _next, _count;
        private Exception? _failure;

        public void Start(int count)
        {
            _count = count;
            _failure = null;
            Volatile.Write(ref _next, 0);
        }

        /// <summary>Takes chunks until none is left (stops early after a failure).</summary>
        public void RunChunks()
        {
            while (true)
            {
                int chunk = Interlocked.Increment(ref _next) - 1;
                if (chunk >= _count || Volatile.Read(ref _failure) is not null) return;
                try
                {
                    Run(chunk);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _failure, e, null);
                }
            }
        }

        public void ThrowIfFailed()
        {
            if (_failure is { } failure) throw new AggregateException(failure);
        }

        protected abstract void Run(int chunk);
    }

    private sealed class Region<TBody> : Region where TBody : struct, IChunkBody
    {
        public static readonly Region<TBody> Instance = new();

        public TBody Body;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected override void Run(int chunk) => Body.Run(chunk);
    }
}
