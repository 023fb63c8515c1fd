using SdfLearn.Tests.Mpi;

namespace SdfLearn.Tests.Core.Distributed;

/// <summary>Two ranks under <c>mpirun</c> on this machine: the collectives, and a failing rank ending the job.</summary>
public class MpiTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [MpiFact]
    public void Collectives_SumBroadcastAndMeetAcrossTwoRanks()
    {
        var (exitCode, text) = MpiJob.Run(2, Timeout, "collectives");
        Assert.True(exitCode == 0, text);
        Assert.Contains("rank 0 of 2: floats 3 1 doubles 1E-10 broadcast 10", text);
        Assert.Contains("rank 1 of 2: floats 3 1 doubles 1E-10 broadcast 10", text);
    }

    /// <summary>Rank 1 is killed while rank 0 waits for it in an all-reduce: mpirun ends the job and names the rank, no hang.</summary>
    [MpiFact]
    public void DyingRank_EndsTheJobWithAMessage()
    {
        var (exitCode, text) = MpiJob.Run(2, Timeout, "die");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("process rank 1", text);
        Assert.Contains("exited on signal 9", text);
    }

    /// <summary>A launcher's process count that MPI does not see (another MPI's launcher) is named, not run as one process.</summary>
    [MpiFact]
    public void LauncherOfAnotherMpi_IsNamed()
    {
        var (exitCode, text) = MpiJob.RunAlone(new Dictionary<string, string> { ["OMPI_COMM_WORLD_SIZE"] = "2" }, Timeout, "collectives");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("The launcher announced 2 processes but Open MPI sees 1", text);
    }

    [MpiFact]
    public void Abort_OnOneRank_EndsEveryRankWithItsMessage()
    {
        var (exitCode, text) = MpiJob.Run(2, Timeout, "abort");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("rank 1 of 2: cannot read its shard", text);
    }
}
