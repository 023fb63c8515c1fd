namespace SdfLearn.Core.Distributed;

/// <summary>
/// The predefined MPI handles the binding passes to the library, as pointer-sized values: Open MPI's handles are
/// addresses of exported structures, MPICH's are integer constants, and either fits a native integer argument.
/// </summary>
internal readonly record struct MpiHandles(
    nint CommWorld, nint Float, nint Double, nint Byte, nint Sum, nint ErrorsReturn, nint InPlace);
