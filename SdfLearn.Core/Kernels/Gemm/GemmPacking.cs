using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the micro-panel order the microkernel streams, zero-padding partial
/// panels. Transposes are resolved here (as strides), so the microkernel sees one layout for every operand layout.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[rowStart .. +rowCount, kStart .. +kc] as panels of <paramref name="mr"/> rows: panel q holds,
    /// for each k step, the values of rows q*mr .. q*mr+mr-1.
    /// </summary>
    /// <param name="a">A as stored: m x k, or k x m when <paramref name="transposed"/>.</param>
    public static void PackA<T>(T* a, bool transposed, int m, int k, int rowStart, int rowCount, int kStart, int kc,
        int mr, T* destination) where T : unmanaged
    {
        (long rowStride, long kStride) = transposed ? (1L, (long)m) : ((long)k, 1L);
        T* origin = a + rowStart * rowStride + kStart * kStride;
        PackPanels(origin, rowStride, kStride, rowCount, kc, mr, 0, (rowCount + mr - 1) / mr, destination);
    }

    /// <summary>
    /// Packs panels <paramref name="firstPanel"/> .. <paramref name="endPanel"/> (exclusive) of
    /// op(B)[kStart .. +kc, columnStart .. +columnCount] as panels of <paramref name="nr"/> columns: panel q holds,
    /// for each k step, the values of columns q*nr .. q*nr+nr-1.
    /// </summary>
    /// <param name="b">B as stored: k x n, or n x k when <paramref name="transposed"/>.</param>
    public static void PackB<T>(T* b, bool transposed, int n, int k, int columnStart, int columnCount, int kStart,
        int kc, int nr, int firstPanel, int endPanel, T* destination) where T : unmanaged
    {
        (long columnStride, long kStride) = transposed ? ((long)k, 1L) : (1L, (long)n);
        T* origin = b + columnStart * columnStride + kStart * kStride;
        int fullEnd = Math.Min(endPanel, columnCount / nr);
        if (columnStride == 1 && fullEnd - firstPanel > 1)
        {
            // Several full panels from the rows of B: go along each row once, so the reads stream through B in order
            // (in one A/B run, one-thread 512³ ran 1.12x base this way and 1.00x packing the same panels one by one).
            byte* row = (byte*)(origin + firstPanel * nr);
            byte* slot = (byte*)(destination + (long)firstPanel * nr * kc);
            for (int p = 0; p < kc; p++, row += kStride * sizeof(T), slot += nr * sizeof(T))
                CopyRuns(row, nr * sizeof(T), slot, (long)nr * kc * sizeof(T), fullEnd - firstPanel, nr * sizeof(T));
            firstPanel = fullEnd;
        }
        PackPanels(origin, columnStride, kStride, columnCount, kc, nr, firstPanel, endPanel, destination);
    }

    /// <summary>
    /// The element at panel-dimension index x and k step p is <c>origin[x * xStride + p * kStride]</c>; panel q
    /// (x from q*width) goes to <c>destination + q*width*kc</c> as kc groups of <paramref name="width"/> values.
    /// </summary>
    private static void PackPanels<T>(T* origin, long xStride, long kStride, int xCount, int kc, int width,
        int firstPanel, int endPanel, T* destination) where T : unmanaged
    {
        for (int q = firstPanel; q < endPanel; q++)
        {
            int x0 = q * width;
            int used = Math.Min(width, xCount - x0);
            T* panel = destination + (long)x0 * kc;
            T* source = origin + x0 * xStride;
            if (xStride == 1 && used * sizeof(T) >= Vector128<byte>.Count)
            {
                // A k step's values are adjacent in memory: copy them as one short run.
                CopyRuns((byte*)source, kStride * sizeof(T), (byte*)panel, width * sizeof(T), kc, used * sizeof(T));
            }
            else if (xStride == 1)
            {
                for (int p = 0; p < kc; p++)
                    for (int x = 0; x < used; x++) panel[p * width + x] = source[p * kStride + x];
            }
            else if (typeof(T) == typeof(float) && Avx.IsSupported && kStride == 1 && used == width && (width % 8 == 0 || width == 6))
            {
                // Adjacent in memory along k (A as stored, B transposed): transpose 8 x 8 tiles in registers.
                PackTransposedTiles((float*)source, xStride, (float*)panel, width, kc);
            }
            else
            {
                // Adjacent in memory along k: read each line along k, writing every width-th slot.
                for (int x = 0; x < used; x++)
                {
                    T* line = source + x * xStride;
                    for (int p = 0; p < kc; p++) panel[p * width + x] = line[p * kStride];
                }
            }
            if (used < width)
            {
                for (int p = 0; p < kc; p++) new Span<T>(panel + p * width + used, width - used).Clear();
            }
        }
    }

    /// <summary>
    /// A full float panel whose lines (one per x, <paramref name="xStride"/> apart) run along k: 8 k steps of 8
    /// lines at a time are loaded as 8 vectors, transposed, and stored as 8 k steps of the panel. A 6-wide panel
    /// (the A panel's MR) transposes 6 lines and 2 zero vectors and stores each k step as 8 floats: the 2 extra land
    /// on the next k step's first slots and are overwritten by its store, so the vector loop stops while a step is
    /// left to follow. The k steps after the last whole tile are copied one by one.
    /// </summary>
    private static void PackTransposedTiles(float* source, long xStride, float* panel, int width, int kc)
    {
        int p = 0;
        if (width == 6)
        {
            for (; p + 8 < kc; p += 8)
            {
                Vector256<float> r6 = Vector256<float>.Zero, r7 = Vector256<float>.Zero;
                var r0 = Avx.LoadVector256(source + p);
                var r1 = Avx.LoadVector256(source + xStride + p);
                var r2 = Avx.LoadVector256(source + 2 * xStride + p);
                var r3 = Avx.LoadVector256(source + 3 * xStride + p);
                var r4 = Avx.LoadVector256(source + 4 * xStride + p);
                var r5 = Avx.LoadVector256(source + 5 * xStride + p);
                RegisterTranspose.Transpose8x8(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
                float* to = panel + p * 6;
                Avx.Store(to, r0);
                Avx.Store(to + 6, r1);
                Avx.Store(to + 12, r2);
                Avx.Store(to + 18, r3);
                Avx.Store(to + 24, r4);
                Avx.Store(to + 30, r5);
                Avx.Store(to + 36, r6);
                Avx.Store(to + 42, r7);
            }
        }
        else
        {
            for (; p + 8 <= kc; p += 8)
            for (int x = 0; x < width; x += 8)
            {
                float* from = source + x * xStride + p;
                var r0 = Avx.LoadVector256(from);
                var r1 = Avx.LoadVector256(from + xStride);
                var r2 = Avx.LoadVector256(from + 2 * xStride);
                var r3 = Avx.LoadVector256(from + 3 * xStride);
                var r4 = Avx.LoadVector256(from + 4 * xStride);
                var r5 = Avx.LoadVector256(from + 5 * xStride);
                var r6 = Avx.LoadVector256(from + 6 * xStride);
                var r7 = Avx.LoadVector256(from + 7 * xStride);
                RegisterTranspose.Transpose8x8(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
                float* to = panel + p * width + x;
                Avx.Store(to, r0);
                Avx.Store(to + width, r1);
                Avx.Store(to + 2 * width, r2);
                Avx.Store(to + 3 * width, r3);
                Avx.Store(to + 4 * width, r4);
                Avx.Store(to + 5 * width, r5);
                Avx.Store(to + 6 * width, r6);
                Avx.Store(to + 7 * width, r7);
            }
        }
        for (; p < kc; p++)
            for (int x = 0; x < width; x++) panel[p * width + x] = source[x * xStride + p];
    }

    /// <summary>
    /// Copies <paramref name="count"/> runs of <paramref name="bytes"/> (at least 16) bytes. Runs are only 24…128
    /// bytes (MR or NR values), too short for <c>Buffer.MemoryCopy</c>'s call and size dispatch per run, so the size
    /// class is chosen once and each run is two vector loads and stores.
    /// </summary>
    private static void CopyRuns(byte* source, long sourceStride, byte* destination, long destinationStride,
        int count, int bytes)
    {
        if (bytes <= 2 * sizeof(Vector128<byte>))
            CopyRuns<Vector128<byte>>(source, sourceStride, destination, destinationStride, count, bytes);
        else if (bytes <= 2 * sizeof(Vector256<byte>))
            CopyRuns<Vector256<byte>>(source, sourceStride, destination, destinationStride, count, bytes);
        else if (bytes <= 2 * sizeof(Vector512<byte>))
            CopyRuns<Vector512<byte>>(source, sourceStride, destination, destinationStride, count, bytes);
        else
            for (int p = 0; p < count; p++, source += sourceStride, destination += destinationStride)
                Buffer.MemoryCopy(source, destination, bytes, bytes);
    }

    /// <summary>
    /// Each run (sizeof(TVector) .. 2*sizeof(TVector) bytes) is one vector from its start and one ending at its end;
    /// they may overlap, which is harmless for a copy.
    /// </summary>
    private static void CopyRuns<TVector>(byte* source, long sourceStride, byte* destination, long destinationStride,
        int count, int bytes) where TVector : unmanaged
    {
        int tail = bytes - sizeof(TVector);
        for (int p = 0; p < count; p++, source += sourceStride, destination += destinationStride)
        {
            TVector head = Unsafe.ReadUnaligned<TVector>(source), end = Unsafe.ReadUnaligned<TVector>(source + tail);
            Unsafe.WriteUnaligned(destination, head);
            Unsafe.WriteUnaligned(destination + tail, end);
        }
    }
}
