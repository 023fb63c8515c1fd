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
            if (xStride == 1)
            {
                // A k step's values are adjacent in memory: copy them as one run.
                long bytes = (long)used * sizeof(T);
                for (int p = 0; p < kc; p++)
                    Buffer.MemoryCopy(source + p * kStride, panel + p * width, bytes, bytes);
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
}
