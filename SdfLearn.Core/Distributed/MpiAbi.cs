namespace SdfLearn.Core.Distributed;

/// <summary>
/// What differs between MPI implementations at the binary level: the library's file names and where the predefined
/// handles come from. The functions themselves (<c>MPI_Allreduce</c>, ...) are the standard's, looked up by name.
/// Adding MPICH means a second subclass: libraries <c>libmpich.so.12</c>/<c>libmpi.so.12</c>, handles from the integer
/// constants of its <c>mpi.h</c> (e.g. <c>MPI_COMM_WORLD = 0x44000000</c>, <c>MPI_FLOAT = 0x4c00040a</c>,
/// <c>MPI_IN_PLACE = -1</c>), and launch detection for Hydra's <c>PMI_RANK</c>.
/// </summary>
internal abstract class MpiAbi
{
    /// <summary>The implementation's name, for messages.</summary>
    public abstract string Name { get; }

    /// <summary>File names to try, in order, through the system's library search path.</summary>
    public abstract IReadOnlyList<string> LibraryNames { get; }

    /// <summary>What to install when none of <see cref="LibraryNames"/> loads.</summary>
    public abstract string InstallHint { get; }

    /// <summary>The predefined handles of the loaded <paramref name="library"/>.</summary>
    public abstract MpiHandles ResolveHandles(nint library);
}
