namespace SdfLearn.Core.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous micro-panel order the microkernel streams, zero-padding
/// partial panels. Transposes are resolved here, so the microkernel sees one layout whatever the operands' layout.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[rowStart .. rowStart+rowCount, kStart .. kStart+kc] as micro-panels of
    /// <paramref name="mr"/> rows: panel q holds, for each k step, its <paramref name="mr"/> row values.
    /// </summary>
    /// <param name="a">A as stored: m x k, or k x m when <paramref name="transposed"/>.</param>
    public static void PackA<T>(T* a, bool transposed, int m, int k, int rowStart, int rowCount, int kStart, int kc,
        int mr, T* destination) where T : unmanaged
    {
        for (int panelRow = 0; panelRow < rowCount; panelRow += mr)
        {
            int rows = Math.Min(mr, rowCount - panelRow);
            T* panel = destination + (long)panelRow * kc;
            int firstRow = rowStart + panelRow;
            if (transposed)
            {
                // Stored k x m: a k step's rows are adjacent.
                for (int p = 0; p < kc; p++)
                {
                    T* source = a + (long)(kStart + p) * m + firstRow;
                    T* target = panel + p * mr;
                    for (int r = 0; r < rows; r++) target[r] = source[r];
                    for (int r = rows; r < mr; r++) target[r] = default;
                }
            }
            else
            {
                // Stored m x k: walk each row along k, writing every mr-th slot.
                for (int r = 0; r < rows; r++)
                {
                    T* source = a + (long)(firstRow + r) * k + kStart;
                    T* target = panel + r;
                    for (int p = 0; p < kc; p++) target[p * mr] = source[p];
                }
                for (int r = rows; r < mr; r++)
                    for (int p = 0; p < kc; p++) panel[p * mr + r] = default;
            }
        }
    }

    /// <summary>
    /// Packs micro-panels <paramref name="firstPanel"/> .. <paramref name="endPanel"/> (exclusive) of
    /// op(B)[kStart .. kStart+kc, columnStart .. columnStart+columnCount]; panel q holds columns
    /// q*<paramref name="nr"/> .. +<paramref name="nr"/>, for each k step its <paramref name="nr"/> values.
    /// </summary>
    /// <param name="b">B as stored: k x n, or n x k when <paramref name="transposed"/>.</param>
    public static void PackB<T>(T* b, bool transposed, int n, int k, int columnStart, int columnCount, int kStart,
        int kc, int nr, int firstPanel, int endPanel, T* destination) where T : unmanaged
    {
        for (int q = firstPanel; q < endPanel; q++)
        {
            int panelColumn = q * nr;
            int columns = Math.Min(nr, columnCount - panelColumn);
            T* panel = destination + (long)panelColumn * kc;
            int firstColumn = columnStart + panelColumn;
            if (transposed)
            {
                // Stored n x k: walk each column of op(B) along k, writing every nr-th slot.
                for (int j = 0; j < columns; j++)
                {
                    T* source = b + (long)(firstColumn + j) * k + kStart;
                    T* target = panel + j;
                    for (int p = 0; p < kc; p++) target[p * nr] = source[p];
                }
                for (int j = columns; j < nr; j++)
                    for (int p = 0; p < kc; p++) panel[p * nr + j] = default;
            }
            else
            {
                // Stored k x n: a k step's columns are adjacent.
                long rowBytes = (long)columns * sizeof(T);
                for (int p = 0; p < kc; p++)
                {
                    T* source = b + (long)(kStart + p) * n + firstColumn;
                    T* target = panel + p * nr;
                    Buffer.MemoryCopy(source, target, rowBytes, rowBytes);
                    for (int j = columns; j < nr; j++) target[j] = default;
                }
            }
        }
    }
}
