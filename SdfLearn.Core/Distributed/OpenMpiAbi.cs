using System.Runtime.InteropServices;

namespace SdfLearn.Core.Distributed;

/// <summary>
/// Open MPI (4.x and 5.x, soname <c>libmpi.so.40</c>): each predefined handle is the address of an exported
/// structure, e.g. <c>MPI_COMM_WORLD</c> is <c>&amp;ompi_mpi_comm_world</c>, and <c>MPI_IN_PLACE</c> is 1.
/// </summary>
internal sealed class OpenMpiAbi : MpiAbi
{
    /// <inheritdoc/>
    public override string Name => "Open MPI";

    /// <inheritdoc/>
    public override IReadOnlyList<string> LibraryNames { get; } = ["libmpi.so.40", "libmpi.so"];

    /// <inheritdoc/>
    public override string InstallHint => "install Open MPI (Debian/Ubuntu: apt-get install openmpi-bin libopenmpi-dev)";

    /// <inheritdoc/>
    public override MpiHandles ResolveHandles(nint library) => new(
        CommWorld: NativeLibrary.GetExport(library, "ompi_mpi_comm_world"),
        Float: NativeLibrary.GetExport(library, "ompi_mpi_float"),
        Double: NativeLibrary.GetExport(library, "ompi_mpi_double"),
        Byte: NativeLibrary.GetExport(library, "ompi_mpi_byte"),
        Sum: NativeLibrary.GetExport(library, "ompi_mpi_op_sum"),
        ErrorsReturn: NativeLibrary.GetExport(library, "ompi_mpi_errors_return"),
        InPlace: 1);
}
