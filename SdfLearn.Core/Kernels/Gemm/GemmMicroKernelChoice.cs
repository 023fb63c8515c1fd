using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The copy of <see cref="GemmMicroKernel{T, TVector, TLanes, TPad}"/> the driver calls, chosen at first use: the
/// unpadded copy if its k loop touches no more 64-byte code windows than the loop's length needs (<see cref="KLoopPlacement"/>),
/// else the first copy with 1, 2, ... pad prefetches whose loop does, else the one with the fewest. Copies are compiled only
/// as far as the search goes; all compute the same bits; code not recognised keeps the unpadded copy.
/// </summary>
internal static unsafe class GemmMicroKernelChoice<T, TVector, TLanes>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    where TVector : unmanaged
    where TLanes : ISimdLanes<T, TVector>
{
    /// <summary>The chosen copy's <c>Run</c>.</summary>
    public static readonly delegate*<T*, T*, int, T*, int, int, int, bool, void> Run = Choose().Run;

    // Most pad prefetches tried. In the AVX2 kernels they move the loop 3 bytes each (the first 7, with the address),
    // through about 100 bytes, so about three starts in each 32 bytes suit a 118-byte loop; whether a copy starts 0 or
    // 32 bytes past a window is up to the code allocator, so a few of those may be needed.
    private const int MaxPads = 32;

    /// <summary>A compiled copy and the code windows its k loop touches (null: loop not found).</summary>
    internal readonly struct Copy(delegate*<T*, T*, int, T*, int, int, int, bool, void> run, int? windows, int fewestWindows)
    {
        public delegate*<T*, T*, int, T*, int, int, int, bool, void> Run => run;

        public int? Windows => windows;

        /// <summary>Windows the loop's length needs where it starts best.</summary>
        public int FewestWindows => fewestWindows;
    }

    private static Copy Choose()
    {
        // The search reads the compiled code as x64 with FMA (the kernels it places); elsewhere the unpadded copy runs
        // unread, so no bytes are read beyond code whose size is not known.
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64 || !Fma.IsSupported)
            return new Copy(&GemmMicroKernel<T, TVector, TLanes, NoCodePad>.Run, null, 0);
        Copy unpadded = Compile<NoCodePad>();
        return unpadded.Windows is null ? unpadded : Search<OneMorePrefetch<NoCodePad>>(1, unpadded);
    }

    private static Copy Search<TPad>(int pads, Copy best) where TPad : struct, ICodePad
    {
        if (best.Windows == best.FewestWindows || pads > MaxPads) return best;
        Copy padded = Compile<TPad>();
        return Search<OneMorePrefetch<TPad>>(pads + 1, padded.Windows < best.Windows ? padded : best);
    }

    /// <summary>Compiles the copy padded by <typeparamref name="TPad"/> (by calling it with no k steps) and finds its loop.</summary>
    internal static Copy Compile<TPad>() where TPad : struct, ICodePad
    {
        delegate*<T*, T*, int, T*, int, int, int, bool, void> run = &GemmMicroKernel<T, TVector, TLanes, TPad>.Run;
        int rows = GemmMicroKernel<T, TVector, TLanes, TPad>.Rows, columns = GemmMicroKernel<T, TVector, TLanes, TPad>.Columns;
        T* tile = stackalloc T[rows * columns];
        run(tile, tile, 0, tile, columns, rows, columns, false);

        byte* code = KLoopPlacement.FollowJumpStubs((byte*)run);
        var loop = KLoopPlacement.FindLoop(new ReadOnlySpan<byte>(code, KLoopPlacement.SearchBytes), 2 * rows);
        if (loop is not (int start, int length)) return new Copy(run, null, 0);
        int fewest = (length + KLoopPlacement.WindowBytes - 1) / KLoopPlacement.WindowBytes;
        return new Copy(run, KLoopPlacement.Windows((long)code + start, length), fewest);
    }
}
