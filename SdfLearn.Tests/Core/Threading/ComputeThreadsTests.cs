using SdfLearn.Core;

namespace SdfLearn.Tests.Core.Threading;

/// <summary>
/// <see cref="ComputeThreads.For{TBody}(int, ref TBody)"/> returns only after every chunk has run, exactly once, and
/// its writes are visible to the caller, including when a helper thread ends last and the caller has to wait for it
/// past its spinning deadline (a helper's chunk sleeps 20 ms, well beyond the caller's 5 ms spin).
/// </summary>
public class ComputeThreadsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void For_WaitsForAHelperThatEndsLast(int threads)
    {
        int saved = ComputeThreads.MaxThreads;
        try
        {
            ComputeThreads.MaxThreads = threads;
            for (int region = 0; region < 3; region++)
            {
                var body = new SlowHelperChunk(new int[40], Environment.CurrentManagedThreadId);
                ComputeThreads.For(body.Runs.Length, ref body);
                Assert.All(body.Runs, runs => Assert.Equal(1, runs));
            }
        }
        finally
        {
            ComputeThreads.MaxThreads = saved;
        }
    }

    /// <summary>Counts each chunk's runs; on a thread other than the caller's, the count is written after a 20 ms sleep.</summary>
    private readonly struct SlowHelperChunk(int[] runs, int callerThread) : IChunkBody
    {
        public int[] Runs => runs;

        public void Run(int chunk)
        {
            if (Environment.CurrentManagedThreadId != callerThread) Thread.Sleep(20);
            Interlocked.Increment(ref runs[chunk]);
        }
    }
}
