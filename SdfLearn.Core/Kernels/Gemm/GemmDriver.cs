using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The BLIS loops around <see cref="GemmMicroKernel{T, TVector, TLanes, TPad}"/>. Columns of C go in NC-wide blocks,
/// each with one parallel region. A thread owns a disjoint part of C (rows, or column panels for short wide C)
/// and, for each KC slice of k in ascending order, packs MC-tall blocks of its A rows and runs MR x NR micro-tiles
/// against B micro-panels packed once and shared (<see cref="SharedPackedB{T}"/>). Every element of C sums its
/// k slices in the same order whichever thread computes it, so the result is the same bits for any thread count.
/// </summary>
internal static unsafe class GemmDriver<T, TVector, TLanes>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : unmanaged
    where TLanes : ISimdLanes<T, TVector>
{
    private const int Mr = GemmMicroKernel<T, TVector, TLanes, NoCodePad>.Rows;

    /// <summary>
    /// Most k steps in a slice (KC) when k needs several. Deeper slices add into C fewer times and call the microkernel
    /// less often. At 512 a KC x NR micro-panel of B (64 KiB at 512 bits) outgrows the 32 KiB L1 and streams from L2,
    /// which Zen 4 hides: single-thread 1024³ ran 1-2 % faster than with KC = 256 (docs/gemm.md, Session 5).
    /// </summary>
    private const int MaxKc = 512;

    /// <summary>
    /// All of k goes in one slice while its KC x NR micro-panel of B stays within this (1024 steps of 16 floats with
    /// AVX2): C is then written once. On Zen 3 with AVX2, one slice of 1024 ran 1024³ 3 % faster than two of 512 on one
    /// thread and 6 % on two (docs/benchmarks.md, Session 10).
    /// </summary>
    private const int SingleSliceBytes = 64 * 1024;

    /// <summary>Below this m*n*k, threading costs more than it saves.</summary>
    private const long ParallelThreshold = 96 * 96 * 96;

    /// <summary>Packed B of one column block (all of k) stays within about 4 MiB of L3.</summary>
    private const int PackedBBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Column blocks are at least this wide even when packed B then outgrows L3 (large k, e.g. a weight gradient
    /// summed over 32768 rows): A is packed again for every column block, which costs more than streaming the
    /// packed B, read once per row chunk. The packed B is never larger than B itself.
    /// </summary>
    private const int MinimumNc = 256;

    /// <summary>Rows of C per chunk of work when threads split rows (columns when they split columns).</summary>
    private const int ChunkRows = 96, ChunkColumns = 128;

    /// <summary>
    /// The last row chunks shrink to this (<see cref="GuidedChunks"/>): at 1024³ on two threads, equal 96-row chunks left
    /// one thread idle for about 5 % of the call at the end (docs/benchmarks.md, Session 10).
    /// </summary>
    private const int SmallestChunkRows = 12;

    private static int Nr => GemmMicroKernel<T, TVector, TLanes, NoCodePad>.Columns;

    /// <summary>
    /// MC follows from KC: an MC x KC block of packed A fills about a quarter of Zen 3's 512 KiB L2 (an eighth of Zen 4's
    /// 1 MiB). On Zen 3, 1024³ (KC = 1024, 30-row blocks) ran 2-8 % faster on one thread than with 256 KiB, and no slower
    /// at 512³, once the microkernel's code placement was held fixed (docs/benchmarks.md, Session 14).
    /// </summary>
    private const int PackedABytes = 128 * 1024;

    /// <summary>
    /// C (m x n, row stride n) [+]= op(A) * op(B), then <paramref name="epilogue"/> on each finished tile of C, right after
    /// the microkernel stores its last k slice (<see cref="NoEpilogue{T}"/> for the plain product); assumes validated sizes
    /// and k &gt; 0.
    /// </summary>
    public static void Multiply<TEpilogue>(T* a, bool transposeA, T* b, bool transposeB, T* c, int m, int n, int k, bool accumulate,
        TEpilogue epilogue) where TEpilogue : struct, IGemmEpilogue<T>
    {
        int parts = KParts.Count(transposeA, transposeB, m, n, k, sizeof(T), epilogue.IsActive);
        if (parts > 1)
        {
            var inParts = new KParts(a, b, c, m, n, k, parts, accumulate);
            ComputeThreads.For(parts, ref inParts);
            inParts.SumInto(c);
            return;
        }
        int threads = (long)m * n * k >= ParallelThreshold ? ComputeThreads.MaxThreads : 1;
        Multiply(a, transposeA, b, transposeB, c, m, n, k, accumulate, epilogue, threads);
    }

    /// <summary>The blocked product on up to <paramref name="threads"/> threads.</summary>
    private static void Multiply<TEpilogue>(T* a, bool transposeA, T* b, bool transposeB, T* c, int m, int n, int k, bool accumulate,
        TEpilogue epilogue, int threads) where TEpilogue : struct, IGemmEpilogue<T>
    {
        int nc = Math.Max(RoundDown(PackedBBytes / sizeof(T) / k, Nr), RoundUp(MinimumNc, Nr));
        // Near-equal slices rather than full ones and a thin remainder (k = 1100 is 3 x 367, not 512 + 512 + 76): a thin
        // slice costs a whole pass of C loads and stores for little arithmetic.
        bool oneSlice = k <= SingleSliceBytes / (Nr * sizeof(T));
        int slices = oneSlice ? 1 : (k + MaxKc - 1) / MaxKc;
        int kc = (k + slices - 1) / slices;
        int mc = RoundDown(PackedABytes / (kc * sizeof(T)), Mr);
        for (int jc = 0; jc < n; jc += nc)
        {
            int panels = (Math.Min(nc, n - jc) + Nr - 1) / Nr;
            int rowTiles = (m + Mr - 1) / Mr;
            bool splitRows = rowTiles >= panels;
            // Every row chunk streams all of the packed B, so with many slices (large k, B mostly beyond the caches) the
            // extra chunks of a guided tail cost more than the idle time they save: there chunks stay equal.
            int equalChunks = ChunkCount(rowTiles, ChunkRows / Mr, threads);
            int equalTiles = (rowTiles + equalChunks - 1) / equalChunks;
            var rowChunks = threads > 1 && oneSlice
                ? new GuidedChunks(rowTiles, ChunkRows / Mr, SmallestChunkRows / Mr, threads)
                : new GuidedChunks(rowTiles, equalTiles, equalTiles, threads);
            int chunks = splitRows ? rowChunks.Count : ChunkCount(panels, ChunkColumns / Nr, threads);
            var packedB = new SharedPackedB<T>(b, transposeB, n, k, jc, Math.Min(nc, n - jc), kc, Nr, wholeSlices: chunks == 1);
            var part = new BlockPart<TEpilogue>(a, transposeA, m, k, mc, packedB, c + jc, jc, n, accumulate, splitRows, rowChunks, chunks, threads, epilogue);
            ComputeThreads.For(chunks, ref part);
        }
    }

    /// <summary>
    /// A^T B with a long k and a small C (a dense layer's weight gradient over thousands of rows): both operands are stored
    /// k-major, so a range of k is a smaller product of the same kind at an offset. Split by rows or columns instead,
    /// every chunk of C streams all of the other operand's packed panels, which outgrow the caches; here each part
    /// is one thread's whole product over about <see cref="PartDepth"/> steps of k, the first into C and the others into
    /// scratch, then added into C in part order. The parts follow from the shape alone, so the sums, and the bits, are
    /// the same for any thread count.
    /// </summary>
    private readonly struct KParts(T* a, T* b, T* c, int m, int n, int k, int parts, bool accumulate) : IChunkBody
    {
        /// <summary>Fewest k steps in a part.</summary>
        private const int PartDepth = 2048;

        /// <summary>Most parts: more would only add scratch and summing once every thread has one.</summary>
        private const int MaxParts = 8;

        /// <summary>Largest C (bytes) split this way: one that a core's L2 holds.</summary>
        private const int MaxCBytes = 512 * 1024;

        private readonly T* _scratch = parts > 1 ? PackingBuffer<T>.ForPartialProducts((parts - 1) * m * n) : null;

        /// <summary>How many parts a product goes in (1: not split).</summary>
        public static int Count(bool transposeA, bool transposeB, int m, int n, int k, int elementBytes, bool epilogue) =>
            transposeA && !transposeB && !epilogue && (long)m * n * elementBytes <= MaxCBytes && k >= 2 * PartDepth
                ? Math.Min(MaxParts, k / PartDepth)
                : 1;

        public void Run(int part)
        {
            int kStart = (int)((long)k * part / parts), kEnd = (int)((long)k * (part + 1) / parts);
            T* target = part == 0 ? c : _scratch + (long)(part - 1) * m * n;
            Multiply(a + (long)kStart * m, true, b + (long)kStart * n, false, target, m, n, kEnd - kStart,
                accumulate: part == 0 && accumulate, new NoEpilogue<T>(), threads: 1);
        }

        /// <summary>C += the other parts' products, in part order.</summary>
        public void SumInto(T* product)
        {
            var sum = new Span<T>(product, m * n);
            for (int part = 1; part < parts; part++)
                TensorPrimitives.Add(sum, new ReadOnlySpan<T>(_scratch + (long)(part - 1) * m * n, m * n), sum);
        }
    }

    /// <summary>One chunk of a column block's C: a range of row tiles, or of micro-panels when C is short and wide.</summary>
    private readonly struct BlockPart<TEpilogue>(T* a, bool transposeA, int m, int k, int mc, SharedPackedB<T> packedB, T* cBlock, int blockColumn,
        int ldc, bool accumulate, bool splitRows, GuidedChunks rowChunks, int chunks, int threads, TEpilogue epilogue) : IChunkBody
        where TEpilogue : struct, IGemmEpilogue<T>
    {
        public void Run(int chunk)
        {
            int panels = packedB.Panels;
            if (splitRows)
            {
                (int first, int end) = rowChunks.Range(chunk);
                // Threads start at different panels, so they pack different panels first.
                MultiplyPart(a, transposeA, m, k, mc, first * Mr, Math.Min(m, end * Mr), packedB, 0, panels,
                    panels * (chunk % threads) / threads, cBlock, blockColumn, ldc, accumulate, epilogue);
            }
            else
            {
                (int first, int end) = Split(panels, chunks, chunk);
                MultiplyPart(a, transposeA, m, k, mc, 0, m, packedB, first, end, first, cBlock, blockColumn, ldc, accumulate, epilogue);
            }
        }
    }

    /// <summary>
    /// Rows [rowBegin, rowEnd) x micro-panels [firstPanel, endPanel) of a column block, over all k: for each KC
    /// slice, packs MC-tall blocks of A into this thread's buffer and runs the microkernel over every tile,
    /// visiting panels from <paramref name="startPanel"/> round to it; after the last slice, the epilogue on each tile.
    /// </summary>
    private static void MultiplyPart<TEpilogue>(T* a, bool transposeA, int m, int k, int maxRows, int rowBegin, int rowEnd,
        SharedPackedB<T> packedB, int firstPanel, int endPanel, int startPanel, T* cBlock, int blockColumn, int ldc, bool accumulate,
        TEpilogue epilogue) where TEpilogue : struct, IGemmEpilogue<T>
    {
        int nr = Nr;
        // Equal MR-aligned blocks of at most MC rows, rather than full blocks and a thin remainder.
        int blocks = (rowEnd - rowBegin + maxRows - 1) / maxRows;
        int blockRows = RoundUp((rowEnd - rowBegin + blocks - 1) / blocks, Mr);
        int depth = packedB.SliceDepth;
        T* packedA = PackingBuffer<T>.ForA(blockRows * depth);
        for (int slice = 0; slice < packedB.Slices; slice++)
        {
            int pc = slice * depth;
            int kc = Math.Min(depth, k - pc);
            bool addToC = accumulate || slice > 0;
            bool lastSlice = slice == packedB.Slices - 1;
            for (int ic = rowBegin; ic < rowEnd; ic += blockRows)
            {
                int mc = Math.Min(blockRows, rowEnd - ic);
                GemmPacking.PackA(a, transposeA, m, k, ic, mc, pc, kc, Mr, packedA);
                for (int visited = 0, q = startPanel; visited < endPanel - firstPanel; visited++)
                {
                    T* bPanel = packedB.Panel(slice, q);
                    int column = q * nr;
                    int width = Math.Min(nr, packedB.Columns - column);
                    for (int ir = 0; ir < mc; ir += Mr)
                    {
                        T* tile = cBlock + (long)(ic + ir) * ldc + column;
                        int rows = Math.Min(Mr, mc - ir);
                        GemmMicroKernelChoice<T, TVector, TLanes>.Run(packedA + (long)ir * kc, bPanel, kc, tile, ldc, rows, width, addToC);
                        if (epilogue.IsActive && lastSlice) epilogue.Apply(tile, ldc, ic + ir, rows, blockColumn + column, width, fromZero: false);
                    }
                    q = q + 1 == endPanel ? firstPanel : q + 1;
                }
            }
        }
    }

    /// <summary>
    /// Chunks of about <paramref name="unitsPerChunk"/> tiles, a multiple of the thread count so they share out
    /// evenly. More chunks than threads let a thread that the OS runs sooner take over work from one it delays.
    /// </summary>
    private static int ChunkCount(int units, int unitsPerChunk, int threads)
    {
        if (threads == 1) return 1;
        int wanted = (units + unitsPerChunk - 1) / unitsPerChunk;
        return Math.Min(units, RoundUp(Math.Max(wanted, threads), threads));
    }

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> near-equal ranges of [0, count).</summary>
    private static (int First, int End) Split(int count, int parts, int part) =>
        ((int)((long)count * part / parts), (int)((long)count * (part + 1) / parts));

    private static int RoundDown(int value, int multiple) => Math.Max(multiple, value / multiple * multiple);

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
