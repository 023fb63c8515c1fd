using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>A GEMM epilogue as the driver runs it, on one tile of C at a time.</summary>
internal interface IGemmEpilogue<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>False for the plain product, so the driver's call folds away.</summary>
    bool IsActive { get; }

    /// <summary>
    /// Applies the epilogue to the tile at <paramref name="tile"/> (row stride <paramref name="ldc"/>): rows
    /// [row, row + rows) and columns [column, column + width) of C. With <paramref name="fromZero"/> the tile's
    /// contents are ignored (a product over k = 0).
    /// </summary>
    unsafe void Apply(T* tile, int ldc, int row, int rows, int column, int width, bool fromZero);
}

/// <summary>No epilogue: the product is stored as it is.</summary>
internal readonly struct NoEpilogue<T> : IGemmEpilogue<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool IsActive => false;

    public unsafe void Apply(T* tile, int ldc, int row, int rows, int column, int width, bool fromZero) { }
}

/// <summary>
/// <see cref="GemmEpilogue{T}"/> over pinned pointers, for the driver's threads: bias row, then terms in order (multiply, then
/// add, never fused), then ReLU: the same arithmetic for every element whatever tile or thread it falls in.
/// </summary>
internal readonly unsafe struct AffineEpilogueKernel<T>(T* bias, int rowsPerBias, T* terms, int termCount, T* termWeights, int n, bool relu)
    : IGemmEpilogue<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool IsActive => true;

    public void Apply(T* tile, int ldc, int row, int rows, int column, int width, bool fromZero)
    {
        int vectorWidth = Vector.IsHardwareAccelerated && Vector<T>.IsSupported ? Vector<T>.Count : int.MaxValue;
        for (int r = 0; r < rows; r++)
        {
            T* c = tile + (long)r * ldc;
            T* biasRow = bias == null ? null : bias + (long)((row + r) / rowsPerBias) * n + column;
            T* rowTerms = terms + (long)(row + r) * termCount;
            int j = 0;
            for (; j + vectorWidth <= width; j += vectorWidth)
            {
                var v = fromZero ? Vector<T>.Zero : Vector.Load(c + j);
                if (biasRow != null) v += Vector.Load(biasRow + j);
                for (int t = 0; t < termCount; t++) v += new Vector<T>(rowTerms[t]) * Vector.Load(termWeights + (long)t * n + column + j);
                if (relu) v = Vector.Max(v, Vector<T>.Zero);
                Vector.Store(v, c + j);
            }
            for (; j < width; j++)
            {
                T v = fromZero ? T.Zero : c[j];
                if (biasRow != null) v += biasRow[j];
                for (int t = 0; t < termCount; t++) v += rowTerms[t] * termWeights[(long)t * n + column + j];
                if (relu) v = T.Max(v, T.Zero);
                c[j] = v;
            }
        }
    }
}
