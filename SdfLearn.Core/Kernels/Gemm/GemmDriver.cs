using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The BLIS loops around <see cref="GemmMicroKernel{T, TVector, TLanes}"/>: columns of C in NC-wide blocks,
/// k in KC-deep slices (B slice packed once, shared by all threads), rows in MC-tall blocks (A block packed
/// per thread), then NR-wide and MR-tall micro-tiles. Threads split C into disjoint tiles and every element
/// sums its k slices in ascending order, so the result is the same bits for any thread count.
/// </summary>
internal static unsafe class GemmDriver<T, TVector, TLanes>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : unmanaged
    where TLanes : ISimdLanes<T, TVector>
{
    private const int Mr = GemmMicroKernel<T, TVector, TLanes>.Rows;

    /// <summary>KC: deep enough to amortise C updates; a KC x NR micro-panel of B stays in L1.</summary>
    private const int Kc = 256;

    /// <summary>Below this m*n*k, threading costs more than it saves.</summary>
    private const long ParallelThreshold = 96 * 96 * 96;

    private static int Nr => GemmMicroKernel<T, TVector, TLanes>.Columns;

    /// <summary>MC: an MC x KC block of packed A fills about a quarter of a 1 MiB L2.</summary>
    private static readonly int Mc = RoundDown(256 * 1024 / (Kc * sizeof(T)), Mr);

    /// <summary>NC: a KC x NC slice of packed B, shared through L3, of about 4 MiB.</summary>
    private static readonly int Nc = RoundDown(4 * 1024 * 1024 / (Kc * sizeof(T)), Nr);

    /// <summary>C (m x n, row stride n) [+]= op(A) * op(B); assumes validated sizes and k &gt; 0.</summary>
    public static void Multiply(T* a, bool transposeA, T* b, bool transposeB, T* c, int m, int n, int k, bool accumulate)
    {
        int threads = (long)m * n * k >= ParallelThreshold ? ComputeThreads.MaxThreads : 1;
        int nr = Nr;
        T* packedB = PackingBuffer<T>.ForB(Kc * RoundUp(Math.Min(n, Nc), nr));
        for (int jc = 0; jc < n; jc += Nc)
        {
            int nc = Math.Min(Nc, n - jc);
            int panels = (nc + nr - 1) / nr;
            for (int pc = 0; pc < k; pc += Kc)
            {
                int kc = Math.Min(Kc, k - pc);
                bool addToC = accumulate || pc > 0;

                int packChunks = Math.Min(threads, panels);
                ComputeThreads.For(packChunks, chunk =>
                {
                    (int first, int end) = Split(panels, packChunks, chunk);
                    GemmPacking.PackB(b, transposeB, n, k, jc, nc, pc, kc, nr, first, end, packedB);
                });

                int rowTiles = (m + Mr - 1) / Mr;
                bool splitRows = rowTiles >= panels;
                int chunks = Math.Min(threads, splitRows ? rowTiles : panels);
                ComputeThreads.For(chunks, chunk =>
                {
                    (int rowBegin, int rowEnd, int firstPanel, int endPanel) = splitRows
                        ? RowChunk(Split(rowTiles, chunks, chunk), m, panels)
                        : ColumnChunk(Split(panels, chunks, chunk), m);
                    MultiplyBlock(a, transposeA, m, k, rowBegin, rowEnd, pc, kc, packedB, firstPanel, endPanel, nc,
                        c + jc, n, addToC);
                });
            }
        }
    }

    /// <summary>
    /// Rows [rowBegin, rowEnd) of one KC slice against packed B micro-panels [firstPanel, endPanel):
    /// packs MC-tall blocks of A into this thread's buffer and runs the microkernel over every tile.
    /// </summary>
    private static void MultiplyBlock(T* a, bool transposeA, int m, int k, int rowBegin, int rowEnd, int pc, int kc,
        T* packedB, int firstPanel, int endPanel, int nc, T* cBlock, int ldc, bool addToC)
    {
        int nr = Nr;
        // Equal MR-aligned blocks of at most MC rows, rather than full blocks and a thin remainder.
        int blocks = (rowEnd - rowBegin + Mc - 1) / Mc;
        int blockRows = RoundUp((rowEnd - rowBegin + blocks - 1) / blocks, Mr);
        T* packedA = PackingBuffer<T>.ForA(blockRows * kc);
        for (int ic = rowBegin; ic < rowEnd; ic += blockRows)
        {
            int mc = Math.Min(blockRows, rowEnd - ic);
            GemmPacking.PackA(a, transposeA, m, k, ic, mc, pc, kc, Mr, packedA);
            for (int q = firstPanel; q < endPanel; q++)
            {
                int column = q * nr;
                int columns = Math.Min(nr, nc - column);
                T* bPanel = packedB + (long)column * kc;
                for (int ir = 0; ir < mc; ir += Mr)
                {
                    GemmMicroKernel<T, TVector, TLanes>.Run(packedA + (long)ir * kc, bPanel, kc,
                        cBlock + (long)(ic + ir) * ldc + column, ldc, Math.Min(Mr, mc - ir), columns, addToC);
                }
            }
        }
    }

    private static (int RowBegin, int RowEnd, int FirstPanel, int EndPanel) RowChunk((int First, int End) tiles, int m,
        int panels) => (tiles.First * Mr, Math.Min(m, tiles.End * Mr), 0, panels);

    private static (int RowBegin, int RowEnd, int FirstPanel, int EndPanel) ColumnChunk((int First, int End) panels,
        int m) => (0, m, panels.First, panels.End);

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> near-equal ranges of [0, count).</summary>
    private static (int First, int End) Split(int count, int parts, int part) =>
        ((int)((long)count * part / parts), (int)((long)count * (part + 1) / parts));

    private static int RoundDown(int value, int multiple) => Math.Max(multiple, value / multiple * multiple);

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
