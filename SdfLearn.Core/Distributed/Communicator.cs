using System.Globalization;

namespace SdfLearn.Core.Distributed;

/// <summary>
/// Chooses the job's <see cref="ICommunicator"/>: MPI when the process was started by an MPI launcher (<c>mpirun</c>,
/// <c>srun</c>), one process without MPI otherwise, so the same program runs both ways and needs no MPI installed
/// when it is not launched by one.
/// </summary>
public static class Communicator
{
    /// <summary>
    /// Whether an MPI launcher started this process: Open MPI's <c>OMPI_COMM_WORLD_SIZE</c>, PMIx's <c>PMIX_RANK</c> or
    /// PMI's <c>PMI_SIZE</c> is set.
    /// </summary>
    public static bool IsLaunchedByMpi =>
        Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is not null
        || Environment.GetEnvironmentVariable("PMIX_RANK") is not null
        || Environment.GetEnvironmentVariable("PMI_SIZE") is not null;

    /// <summary>
    /// Starts MPI (Open MPI's <c>libmpi.so</c>) when <see cref="IsLaunchedByMpi"/>, else returns
    /// <see cref="SingleProcessCommunicator.Instance"/>. Call it once per process and dispose the result at exit.
    /// </summary>
    /// <exception cref="MpiException">Launched by MPI, but no MPI library loads (the message says what to install) or MPI fails to start.</exception>
    public static ICommunicator Create() =>
        IsLaunchedByMpi ? MpiCommunicator.Start(new OpenMpiAbi(), LauncherSize()) : SingleProcessCommunicator.Instance;

    /// <summary>The process count announced by the launcher, when it announces one.</summary>
    private static int? LauncherSize()
    {
        string? text = Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") ?? Environment.GetEnvironmentVariable("PMI_SIZE");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int size) ? size : null;
    }
}
