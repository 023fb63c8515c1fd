using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Harmless instructions emitted just before the microkernel's k loop, only to move the loop further into the
/// method's code. Each pad type gives a separately compiled copy of the microkernel, so
/// <see cref="GemmMicroKernelChoice{T, TVector, TLanes}"/> can pick a copy whose loop sits well in code memory.
/// </summary>
internal unsafe interface ICodePad
{
    /// <summary>Emits the pad: prefetches within the cache line at <paramref name="line"/>, which the k loop is about to load anyway.</summary>
    static abstract void Emit(byte* line);
}

/// <summary>No pad: the microkernel as written.</summary>
internal readonly unsafe struct NoCodePad : ICodePad
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Emit(byte* line) { }
}

/// <summary>
/// <typeparamref name="TRest"/>'s pad and one more prefetch of the same line: 3 bytes of code in the AVX2 kernels,
/// where the JIT keeps the address in a register.
/// </summary>
internal readonly unsafe struct OneMorePrefetch<TRest> : ICodePad where TRest : struct, ICodePad
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Emit(byte* line)
    {
        if (Sse.IsSupported) Sse.Prefetch0(line);
        TRest.Emit(line);
    }
}
