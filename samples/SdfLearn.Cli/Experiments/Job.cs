using SdfLearn.Core.Distributed;

namespace SdfLearn.Cli.Experiments;

/// <summary>
/// The MPI job this process belongs to: one process unless started by <c>mpirun</c>. Rank 0 leads: it alone prints
/// progress and writes run folders; every rank trains its shard of each batch.
/// </summary>
public static class Job
{
    /// <summary>The job's ranks (<see cref="SingleProcessCommunicator"/> outside <c>mpirun</c>).</summary>
    public static ICommunicator Communicator { get; internal set; } = SingleProcessCommunicator.Instance;

    /// <summary>Whether this process writes the run's files (rank 0).</summary>
    public static bool Leads => Communicator.Rank == 0;

    /// <summary>
    /// Runs <paramref name="load"/> on rank 0 first and on the other ranks after it, so they read what it cached
    /// (preprocessed fields) instead of computing and writing the same files at once.
    /// </summary>
    public static T LeadFirst<T>(Func<T> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (!Leads) Communicator.Barrier();
        var value = load();
        if (Leads) Communicator.Barrier();
        return value;
    }
}
