using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// A dense layer's bias over a row-major [rows, n] matrix: adding it to every row, and summing a gradient's rows
/// into it. Large matrices are split over threads (by row blocks to add, by column blocks to sum); each element is
/// computed by one chunk in the same order, so results are the same for any thread count.
/// </summary>
public static class RowBias
{
    /// <summary>matrix [rows, bias.Length] += bias on every row.</summary>
    /// <param name="matrix">Row-major, a whole number of rows of <paramref name="bias"/>'s length.</param>
    /// <param name="bias">One value per column.</param>
    /// <exception cref="ArgumentException">The matrix length is not a multiple of the bias length.</exception>
    public static unsafe void Add<T>(Span<T> matrix, ReadOnlySpan<T> bias) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = bias.Length, rows = RowCount(matrix.Length, n);
        fixed (T* matrixPtr = matrix)
        fixed (T* biasPtr = bias)
        {
            int chunkRows = matrix.Length < ParallelElements ? Math.Max(rows, 1) : ChunkRows;
            var add = new AddRows<T>(matrixPtr, biasPtr, rows, n, chunkRows);
            ComputeThreads.For((rows + chunkRows - 1) / chunkRows, ref add);
        }
    }

    /// <summary>gradBias [+]= the sum of the rows of gradient [rows, gradBias.Length], rows added in order.</summary>
    /// <param name="gradient">Row-major, a whole number of rows of <paramref name="gradBias"/>'s length.</param>
    /// <param name="gradBias">One value per column.</param>
    /// <param name="accumulate">Add to <paramref name="gradBias"/> instead of overwriting it.</param>
    /// <exception cref="ArgumentException">The gradient length is not a multiple of the bias length.</exception>
    public static unsafe void SumInto<T>(ReadOnlySpan<T> gradient, Span<T> gradBias, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = gradBias.Length, rows = RowCount(gradient.Length, n);
        fixed (T* gradientPtr = gradient)
        fixed (T* gradBiasPtr = gradBias)
        {
            int chunkColumns = gradient.Length < ParallelElements ? n : ChunkColumns;
            var sum = new SumColumns<T>(gradientPtr, gradBiasPtr, rows, n, chunkColumns, accumulate);
            ComputeThreads.For((n + chunkColumns - 1) / chunkColumns, ref sum);
        }
    }

    /// <summary>Below this many elements one thread does the work.</summary>
    private const int ParallelElements = 1 << 16;

    /// <summary>Rows per chunk when adding; columns per chunk when summing.</summary>
    private const int ChunkRows = 512, ChunkColumns = 32;

    private static int RowCount(int length, int n)
    {
        if (n == 0 || length % n != 0)
            throw new ArgumentException($"A matrix of {length} elements does not hold whole rows of {n} bias values.");
        return length / n;
    }

    private readonly unsafe struct AddRows<T>(T* matrix, T* bias, int rows, int n, int chunkRows) : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int chunk)
        {
            var b = new ReadOnlySpan<T>(bias, n);
            for (int r = chunk * chunkRows, end = Math.Min(rows, r + chunkRows); r < end; r++)
            {
                var row = new Span<T>(matrix + (long)r * n, n);
                TensorPrimitives.Add(row, b, row);
            }
        }
    }

    private readonly unsafe struct SumColumns<T>(T* gradient, T* gradBias, int rows, int n, int chunkColumns, bool accumulate) : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int chunk)
        {
            int start = chunk * chunkColumns, width = Math.Min(chunkColumns, n - start);
            var sums = new Span<T>(gradBias + start, width);
            if (!accumulate) sums.Clear();
            for (int r = 0; r < rows; r++)
                TensorPrimitives.Add(sums, new ReadOnlySpan<T>(gradient + (long)r * n + start, width), sums);
        }
    }
}
