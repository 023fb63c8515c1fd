using System.Runtime.InteropServices;
using System.Text;

namespace SdfLearn.Core.Distributed;

/// <summary>
/// The system's MPI library, loaded at run time: the standard functions the binding calls, as unmanaged function
/// pointers found by name, and the implementation's predefined handles. Every call's return code is checked and a
/// failure becomes an <see cref="MpiException"/> carrying <c>MPI_Error_string</c>'s text.
/// </summary>
internal sealed unsafe class MpiLibrary
{
    private const int Success = 0;

    private readonly delegate* unmanaged<int*, byte***, int, int*, int> _initThread;
    private readonly delegate* unmanaged<int*, int> _initialized;
    private readonly delegate* unmanaged<int*, int> _finalized;
    private readonly delegate* unmanaged<int> _finalize;
    private readonly delegate* unmanaged<nint, int*, int> _commRank;
    private readonly delegate* unmanaged<nint, int*, int> _commSize;
    private readonly delegate* unmanaged<nint, nint, int> _commSetErrhandler;
    private readonly delegate* unmanaged<nint, void*, int, nint, nint, nint, int> _allreduce;
    private readonly delegate* unmanaged<void*, int, nint, int, nint, int> _bcast;
    private readonly delegate* unmanaged<nint, int> _barrier;
    private readonly delegate* unmanaged<nint, int, int> _abort;
    private readonly delegate* unmanaged<int, byte*, int*, int> _errorString;

    private MpiLibrary(nint library, MpiAbi abi)
    {
        Handles = abi.ResolveHandles(library);
        _initThread = (delegate* unmanaged<int*, byte***, int, int*, int>)NativeLibrary.GetExport(library, "MPI_Init_thread");
        _initialized = (delegate* unmanaged<int*, int>)NativeLibrary.GetExport(library, "MPI_Initialized");
        _finalized = (delegate* unmanaged<int*, int>)NativeLibrary.GetExport(library, "MPI_Finalized");
        _finalize = (delegate* unmanaged<int>)NativeLibrary.GetExport(library, "MPI_Finalize");
        _commRank = (delegate* unmanaged<nint, int*, int>)NativeLibrary.GetExport(library, "MPI_Comm_rank");
        _commSize = (delegate* unmanaged<nint, int*, int>)NativeLibrary.GetExport(library, "MPI_Comm_size");
        _commSetErrhandler = (delegate* unmanaged<nint, nint, int>)NativeLibrary.GetExport(library, "MPI_Comm_set_errhandler");
        _allreduce = (delegate* unmanaged<nint, void*, int, nint, nint, nint, int>)NativeLibrary.GetExport(library, "MPI_Allreduce");
        _bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)NativeLibrary.GetExport(library, "MPI_Bcast");
        _barrier = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "MPI_Barrier");
        _abort = (delegate* unmanaged<nint, int, int>)NativeLibrary.GetExport(library, "MPI_Abort");
        _errorString = (delegate* unmanaged<int, byte*, int*, int>)NativeLibrary.GetExport(library, "MPI_Error_string");
    }

    /// <summary>The implementation's predefined handles.</summary>
    public MpiHandles Handles { get; }

    /// <summary>Loads the first of <paramref name="abi"/>'s library names that the system has.</summary>
    /// <exception cref="MpiException">No such library, or it lacks a function or handle the binding needs.</exception>
    public static MpiLibrary Load(MpiAbi abi)
    {
        foreach (string name in abi.LibraryNames)
        {
            if (!NativeLibrary.TryLoad(name, out nint library)) continue;
            try
            {
                return new MpiLibrary(library, abi);
            }
            catch (EntryPointNotFoundException e)
            {
                throw new MpiException($"{name} is not an {abi.Name} library the binding knows ({e.Message}); {abi.InstallHint}.", e);
            }
        }
        throw new MpiException(
            $"This process was launched by an MPI launcher but no MPI library could be loaded (tried {string.Join(", ", abi.LibraryNames)}); {abi.InstallHint}, or run without mpirun.");
    }

    /// <summary><c>MPI_Init_thread</c>; returns the thread support level granted.</summary>
    public int InitThread(int required)
    {
        int provided;
        Check(_initThread(null, null, required, &provided), "MPI_Init_thread");
        return provided;
    }

    /// <summary><c>MPI_Initialized</c>.</summary>
    public bool IsInitialized()
    {
        int flag;
        Check(_initialized(&flag), "MPI_Initialized");
        return flag != 0;
    }

    /// <summary><c>MPI_Finalized</c>.</summary>
    public bool IsFinalized()
    {
        int flag;
        Check(_finalized(&flag), "MPI_Finalized");
        return flag != 0;
    }

    /// <summary><c>MPI_Finalize</c>.</summary>
    public void FinalizeMpi() => Check(_finalize(), "MPI_Finalize");

    /// <summary><c>MPI_Comm_rank</c>.</summary>
    public int CommRank(nint comm)
    {
        int rank;
        Check(_commRank(comm, &rank), "MPI_Comm_rank");
        return rank;
    }

    /// <summary><c>MPI_Comm_size</c>.</summary>
    public int CommSize(nint comm)
    {
        int size;
        Check(_commSize(comm, &size), "MPI_Comm_size");
        return size;
    }

    /// <summary><c>MPI_Comm_set_errhandler</c>.</summary>
    public void CommSetErrhandler(nint comm, nint handler) => Check(_commSetErrhandler(comm, handler), "MPI_Comm_set_errhandler");

    /// <summary><c>MPI_Allreduce</c> in place (<c>MPI_IN_PLACE</c> as the send buffer).</summary>
    public void AllreduceInPlace(void* buffer, int count, nint datatype, nint op, nint comm) =>
        Check(_allreduce(Handles.InPlace, buffer, count, datatype, op, comm), "MPI_Allreduce");

    /// <summary><c>MPI_Bcast</c>.</summary>
    public void Bcast(void* buffer, int count, nint datatype, int root, nint comm) =>
        Check(_bcast(buffer, count, datatype, root, comm), "MPI_Bcast");

    /// <summary><c>MPI_Barrier</c>.</summary>
    public void Barrier(nint comm) => Check(_barrier(comm), "MPI_Barrier");

    /// <summary><c>MPI_Abort</c>: ends every process of <paramref name="comm"/>'s job.</summary>
    public void Abort(nint comm, int errorCode) => _abort(comm, errorCode);

    private void Check(int code, string function)
    {
        if (code != Success) throw new MpiException($"{function} failed: {ErrorString(code)} (MPI error {code}).");
    }

    private string ErrorString(int code)
    {
        const int capacity = 1024; // MPI_MAX_ERROR_STRING is 256 in Open MPI and 512 in MPICH
        byte* text = stackalloc byte[capacity];
        int length;
        return _errorString(code, text, &length) == Success
            ? Encoding.UTF8.GetString(text, Math.Clamp(length, 0, capacity))
            : "no description";
    }
}
