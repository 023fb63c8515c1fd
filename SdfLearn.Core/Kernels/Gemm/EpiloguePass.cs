using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// An epilogue run as a pass of its own over C, for products that do not go through the blocked driver (small or
/// vector shapes, or k = 0, where C starts from zero): row blocks split over threads, each row computed the same way
/// whatever the thread count.
/// </summary>
internal static class EpiloguePass
{
    /// <summary>Rows per chunk.</summary>
    private const int ChunkRows = 256;

    /// <summary>Below this many elements one thread does the pass.</summary>
    private const int ParallelElements = 1 << 16;

    /// <summary>Applies <paramref name="epilogue"/> to all of C [m, n] (row stride n).</summary>
    public static unsafe void Run<T, TEpilogue>(T* c, int m, int n, TEpilogue epilogue, bool fromZero)
        where T : unmanaged, IFloatingPointIeee754<T> where TEpilogue : struct, IGemmEpilogue<T>
    {
        int chunkRows = (long)m * n < ParallelElements ? Math.Max(m, 1) : ChunkRows;
        var pass = new Rows<T, TEpilogue>(c, m, n, chunkRows, epilogue, fromZero);
        ComputeThreads.For((m + chunkRows - 1) / chunkRows, ref pass);
    }

    private readonly unsafe struct Rows<T, TEpilogue>(T* c, int m, int n, int chunkRows, TEpilogue epilogue, bool fromZero) : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T> where TEpilogue : struct, IGemmEpilogue<T>
    {
        public void Run(int chunk)
        {
            int row = chunk * chunkRows;
            epilogue.Apply(c + (long)row * n, n, row, Math.Min(chunkRows, m - row), 0, n, fromZero);
        }
    }
}
