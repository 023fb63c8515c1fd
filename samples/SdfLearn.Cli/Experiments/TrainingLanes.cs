using System.Runtime.ExceptionServices;
using SdfLearn.Core;

namespace SdfLearn.Cli.Experiments;

/// <summary>
/// Runs several trainings at once in <c>lanes</c>, each lane taking the next job when its last one ends. On two cores two
/// one-thread runs side by side do more work than one two-thread run after another: a DeepSDF epoch on two threads
/// takes about 0.6 of its one-thread time, not 0.5 (docs/training.md). There may be more lanes than cores: three
/// one-thread lanes on two cores share them, and keep both busy at one-thread speed until the end. While two or more lanes are busy the kernels
/// run on one thread; the last busy lane gets all <c>threads</c>. Kernels split their work the same way for any thread
/// count, so every run gives the results it gives alone.
/// </summary>
public static class TrainingLanes
{
    /// <summary>
    /// Runs <paramref name="jobs"/> in up to <paramref name="lanes"/> concurrent lanes (jobs start in order) with
    /// <paramref name="threads"/> kernel threads in all, and returns their results in job order. The first exception
    /// a job throws is rethrown once every lane has stopped.
    /// </summary>
    public static T[] Run<T>(IReadOnlyList<Func<T>> jobs, int lanes, int threads)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        lanes = Math.Clamp(lanes, 1, Math.Max(1, jobs.Count));
        var results = new T[jobs.Count];
        int next = -1, busy = lanes;
        var gate = new object();
        ComputeThreads.MaxThreads = lanes > 1 ? 1 : threads;
        void Lane()
        {
            try
            {
                for (int job; (job = Interlocked.Increment(ref next)) < jobs.Count;)
                    results[job] = jobs[job]();
            }
            catch
            {
                Interlocked.Exchange(ref next, jobs.Count); // no lane starts another job
                throw;
            }
            finally
            {
                lock (gate)
                    if (--busy == 1) ComputeThreads.MaxThreads = threads;
            }
        }
        var running = Enumerable.Range(0, lanes).Select(_ => Task.Factory.StartNew(Lane, TaskCreationOptions.LongRunning)).ToArray();
        try
        {
            Task.WaitAll(running);
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return results;
    }
}
