using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The one GEMM microkernel: a <see cref="Rows"/> x (2 vectors) block of C kept in twelve registers while it
/// streams a packed A micro-panel (<see cref="Rows"/> values per k step) and a packed B micro-panel
/// (2 vectors per k step). Each C element sums its k products in ascending k with one FMA chain.
/// <typeparamref name="TPad"/> only moves the k loop within the compiled code (see <see cref="ICodePad"/>): every
/// pad computes the same bits.
/// </summary>
internal static unsafe class GemmMicroKernel<T, TVector, TLanes, TPad>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : unmanaged
    where TLanes : ISimdLanes<T, TVector>
    where TPad : struct, ICodePad
{
    /// <summary>MR: rows of C per microkernel call.</summary>
    public const int Rows = 6;

    /// <summary>NR: columns of C per microkernel call.</summary>
    public static int Columns => 2 * TLanes.Width;

    /// <summary>
    /// C[rows x columns] (row stride <paramref name="ldc"/>) = (or +=, when <paramref name="addToC"/>) the
    /// product of the packed panels over <paramref name="kc"/> steps. Tiles smaller than MR x NR go through
    /// a scratch tile, so the register loop always runs full width over the zero-padded panels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(T* packedA, T* packedB, int kc, T* c, int ldc, int rows, int columns, bool addToC)
    {
        int width = TLanes.Width;
        PrefetchTile(c, ldc, rows, columns);
        TVector c00 = TLanes.Zero, c01 = TLanes.Zero, c10 = TLanes.Zero, c11 = TLanes.Zero;
        TVector c20 = TLanes.Zero, c21 = TLanes.Zero, c30 = TLanes.Zero, c31 = TLanes.Zero;
        TVector c40 = TLanes.Zero, c41 = TLanes.Zero, c50 = TLanes.Zero, c51 = TLanes.Zero;

        T* a = packedA;
        T* b = packedB;
        TPad.Emit((byte*)(b + 2 * width));
        for (int p = 0; p < kc; p++)
        {
            TVector b0 = TLanes.Load(b);
            TVector b1 = TLanes.Load(b + width);
            TVector ai = TLanes.Broadcast(a);
            c00 = TLanes.MultiplyAdd(ai, b0, c00);
            c01 = TLanes.MultiplyAdd(ai, b1, c01);
            ai = TLanes.Broadcast(a + 1);
            c10 = TLanes.MultiplyAdd(ai, b0, c10);
            c11 = TLanes.MultiplyAdd(ai, b1, c11);
            ai = TLanes.Broadcast(a + 2);
            c20 = TLanes.MultiplyAdd(ai, b0, c20);
            c21 = TLanes.MultiplyAdd(ai, b1, c21);
            ai = TLanes.Broadcast(a + 3);
            c30 = TLanes.MultiplyAdd(ai, b0, c30);
            c31 = TLanes.MultiplyAdd(ai, b1, c31);
            ai = TLanes.Broadcast(a + 4);
            c40 = TLanes.MultiplyAdd(ai, b0, c40);
            c41 = TLanes.MultiplyAdd(ai, b1, c41);
            ai = TLanes.Broadcast(a + 5);
            c50 = TLanes.MultiplyAdd(ai, b0, c50);
            c51 = TLanes.MultiplyAdd(ai, b1, c51);
            a += Rows;
            b += 2 * width;
        }

        bool fullTile = rows == Rows && columns == 2 * width;
        T* scratch = stackalloc T[fullTile ? 0 : Rows * 2 * width];
        T* tile = fullTile ? c : scratch;
        int tileStride = fullTile ? ldc : 2 * width;
        bool addTile = fullTile && addToC;

        StoreRow(tile, width, c00, c01, addTile);
        StoreRow(tile + tileStride, width, c10, c11, addTile);
        StoreRow(tile + 2 * tileStride, width, c20, c21, addTile);
        StoreRow(tile + 3 * tileStride, width, c30, c31, addTile);
        StoreRow(tile + 4 * tileStride, width, c40, c41, addTile);
        StoreRow(tile + 5 * tileStride, width, c50, c51, addTile);

        if (!fullTile) CopyPartialTile(scratch, 2 * width, c, ldc, rows, columns, addToC);
    }

    /// <summary>
    /// Starts fetching the C tile now, so it is in cache when the k loop ends and the tile is added and stored:
    /// rows of C sit a whole row of C apart and would otherwise miss one after another.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchTile(T* c, int ldc, int rows, int columns)
    {
        if (!Sse.IsSupported) return;
        for (int r = 0; r < rows; r++)
        {
            T* row = c + (long)r * ldc;
            Sse.Prefetch0(row);
            Sse.Prefetch0(row + columns - 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(T* row, int width, TVector left, TVector right, bool addToRow)
    {
        if (addToRow)
        {
            left = TLanes.Add(TLanes.Load(row), left);
            right = TLanes.Add(TLanes.Load(row + width), right);
        }
        TLanes.Store(row, left);
        TLanes.Store(row + width, right);
    }

    private static void CopyPartialTile(T* scratch, int scratchStride, T* c, int ldc, int rows, int columns, bool addToC)
    {
        for (int r = 0; r < rows; r++)
        {
            T* source = scratch + r * scratchStride;
            T* destination = c + (long)r * ldc;
            for (int j = 0; j < columns; j++)
                destination[j] = addToC ? destination[j] + source[j] : source[j];
        }
    }
}
