using System.Runtime.InteropServices;

namespace SdfLearn.Core.Distributed;

/// <summary>
/// <see cref="ICommunicator"/> over the system's MPI library (<c>MPI_COMM_WORLD</c>). Errors are returned rather than
/// fatal (<c>MPI_ERRORS_RETURN</c>) so they surface as <see cref="MpiException"/>; calls are serialised by a lock, so any
/// thread may make them. One per process: MPI can be initialised only once.
/// </summary>
internal sealed unsafe class MpiCommunicator : ICommunicator
{
    private const int ThreadSerialized = 2; // MPI_THREAD_SERIALIZED
    private const int MaxCount = 1 << 30; // MPI counts are ints: larger buffers go in pieces

    private readonly MpiLibrary _mpi;
    private readonly Lock _gate = new();
    private bool _finalized;

    private MpiCommunicator(MpiLibrary mpi, int rank, int size) => (_mpi, Rank, Size) = (mpi, rank, size);

    /// <summary>Loads <paramref name="abi"/>'s library and initialises MPI.</summary>
    /// <param name="launcherSize">The process count the launcher announced, if it did: checked against MPI's.</param>
    /// <exception cref="MpiException">No library, MPI already initialised or finalised, or a launcher of another MPI.</exception>
    public static MpiCommunicator Start(MpiAbi abi, int? launcherSize)
    {
        var mpi = MpiLibrary.Load(abi);
        if (mpi.IsInitialized() || mpi.IsFinalized())
            throw new MpiException("MPI was already started in this process: create one communicator and dispose it only at exit.");
        int provided = mpi.InitThread(ThreadSerialized);
        if (provided < ThreadSerialized)
            throw new MpiException($"{abi.Name} grants thread level {provided}, below MPI_THREAD_SERIALIZED; use a build with thread support.");
        nint world = mpi.Handles.CommWorld;
        mpi.CommSetErrhandler(world, mpi.Handles.ErrorsReturn);
        var communicator = new MpiCommunicator(mpi, mpi.CommRank(world), mpi.CommSize(world));
        if (launcherSize is int expected && expected != communicator.Size)
        {
            communicator.Dispose();
            throw new MpiException(
                $"The launcher announced {expected} processes but {abi.Name} sees {communicator.Size}: the launcher is another MPI's (or the variable was set by hand); launch with {abi.Name}'s mpirun.");
        }
        return communicator;
    }

    /// <inheritdoc/>
    public int Rank { get; }

    /// <inheritdoc/>
    public int Size { get; }

    /// <inheritdoc/>
    public void AllReduceSum(Span<float> values) => AllReduceSum(MemoryMarshal.AsBytes(values), sizeof(float), _mpi.Handles.Float);

    /// <inheritdoc/>
    public void AllReduceSum(Span<double> values) => AllReduceSum(MemoryMarshal.AsBytes(values), sizeof(double), _mpi.Handles.Double);

    /// <inheritdoc/>
    public void Broadcast(Span<byte> bytes, int root)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(root);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(root, Size);
        lock (_gate)
        {
            fixed (byte* start = bytes)
            {
                for (int offset = 0; offset < bytes.Length; offset += MaxCount)
                    _mpi.Bcast(start + offset, Math.Min(MaxCount, bytes.Length - offset), _mpi.Handles.Byte, root, _mpi.Handles.CommWorld);
            }
        }
    }

    /// <inheritdoc/>
    public void Barrier()
    {
        lock (_gate) _mpi.Barrier(_mpi.Handles.CommWorld);
    }

    /// <inheritdoc/>
    public void Abort(string message, int exitCode = 1)
    {
        Console.Error.WriteLine($"rank {Rank} of {Size}: {message}");
        Console.Error.Flush();
        _mpi.Abort(_mpi.Handles.CommWorld, exitCode);
        Environment.Exit(exitCode); // MPI_Abort does not return; this is for a library that does
    }

    /// <summary>Ends MPI in this process (<c>MPI_Finalize</c>, which every rank must reach); later calls do nothing.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_finalized) return;
            _finalized = true;
            _mpi.FinalizeMpi();
        }
    }

    private void AllReduceSum(Span<byte> bytes, int elementSize, nint datatype)
    {
        lock (_gate)
        {
            fixed (byte* start = bytes)
            {
                int count = bytes.Length / elementSize;
                for (int offset = 0; offset < count; offset += MaxCount)
                    _mpi.AllreduceInPlace(start + (long)offset * elementSize, Math.Min(MaxCount, count - offset), datatype, _mpi.Handles.Sum, _mpi.Handles.CommWorld);
            }
        }
    }
}
