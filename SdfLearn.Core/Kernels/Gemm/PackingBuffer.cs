using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Per-thread, cache-line aligned scratch for packed GEMM panels. Each thread keeps its buffers and reuses them,
/// so steady-state calls allocate nothing; a buffer grows only when a larger problem first needs it.
/// </summary>
internal static unsafe class PackingBuffer<T> where T : unmanaged
{
    private const int AlignmentBytes = 64;

    [ThreadStatic] private static T[]? _packedA;
    [ThreadStatic] private static T[]? _packedB;
    [ThreadStatic] private static T[]? _partialProducts;
    [ThreadStatic] private static int[]? _panelStates;

    /// <summary>This thread's buffer for packed blocks of A (at least <paramref name="length"/> elements).</summary>
    public static T* ForA(int length) => Aligned(ref _packedA, length);

    /// <summary>This thread's buffer for packed panels of B, shared read-only with helper threads during a call.</summary>
    public static T* ForB(int length) => Aligned(ref _packedB, length);

    /// <summary>This thread's buffer for the partial products of a product split along k.</summary>
    public static T* ForPartialProducts(int length) => Aligned(ref _partialProducts, length);

    /// <summary>This thread's array of per-panel packing states, the first <paramref name="count"/> set to zero.</summary>
    public static int[] PanelStates(int count)
    {
        if (_panelStates is null || _panelStates.Length < count) _panelStates = new int[count];
        Array.Clear(_panelStates, 0, count);
        return _panelStates;
    }

    private static T* Aligned(ref T[]? buffer, int length)
    {
        int padding = AlignmentBytes / sizeof(T);
        if (buffer is null || buffer.Length < length + padding)
            buffer = GC.AllocateUninitializedArray<T>(length + padding, pinned: true);
        nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        nint aligned = (start + AlignmentBytes - 1) & ~(nint)(AlignmentBytes - 1);
        return (T*)aligned;
    }
}
