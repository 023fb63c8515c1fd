namespace SdfLearn.Core.Distributed;

/// <summary>
/// The processes of one job and the collective operations among them, as MPI's <c>MPI_COMM_WORLD</c>: every rank must
/// make the same collective calls in the same order with buffers of the same length. <see cref="Communicator.Create"/>
/// gives the MPI one when the program was launched by <c>mpirun</c>, and <see cref="SingleProcessCommunicator"/> (which
/// needs no MPI) otherwise. Disposing it ends the job's communication (<c>MPI_Finalize</c>).
/// </summary>
public interface ICommunicator : IDisposable
{
    /// <summary>This process's index, from 0 to <see cref="Size"/> - 1.</summary>
    int Rank { get; }

    /// <summary>The number of processes in the job.</summary>
    int Size { get; }

    /// <summary>Replaces <paramref name="values"/> on every rank by the element-wise sum over all ranks.</summary>
    void AllReduceSum(Span<float> values);

    /// <summary>Replaces <paramref name="values"/> on every rank by the element-wise sum over all ranks.</summary>
    void AllReduceSum(Span<double> values);

    /// <summary>Copies <paramref name="bytes"/> of rank <paramref name="root"/> into <paramref name="bytes"/> of every other rank.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="root"/> is not a rank.</exception>
    void Broadcast(Span<byte> bytes, int root);

    /// <summary>Returns once every rank has called it.</summary>
    void Barrier();

    /// <summary>
    /// Writes <paramref name="message"/> to standard error, naming this rank, and ends every process of the job with
    /// <paramref name="exitCode"/>: the way out when one rank cannot go on, so the others do not wait for it forever.
    /// </summary>
    void Abort(string message, int exitCode = 1);
}
