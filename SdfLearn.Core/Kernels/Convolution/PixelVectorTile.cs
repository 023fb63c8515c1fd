using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SdfLearn.Core.Kernels;

/// <summary>Takes a <see cref="PixelVectorTile"/>'s results to their destination, one pixel step at a time.</summary>
internal unsafe interface IPixelStepStore<T> where T : unmanaged
{
    /// <summary>Stores step <paramref name="step"/>'s vectors, one per weight column, consecutive at <paramref name="vectors"/>.</summary>
    void Store(int step, T* vectors);
}

/// <summary>
/// The register tile of the single-channel passes (<see cref="FewTapsForward"/>, <see cref="OneChannelInputGradient"/>):
/// <see cref="Columns"/> weight columns by <see cref="Steps"/> vectors of output pixels, 16 accumulators. Each tap
/// loads one contiguous run of the source per step and broadcasts one weight per column: 8 loads for 16 FMAs, where
/// the direct kernel's channel panels would be mostly padding (one output channel) or its tile rows mostly taps with
/// nothing to sum (9 taps). Each accumulator sums its taps in order in one FMA chain. AVX-512 only: 16 accumulators,
/// 4 weights and a source vector need 21 registers, more than AVX2's 16.
/// </summary>
internal static unsafe class PixelVectorTile
{
    /// <summary>Weight columns (output channels, or output phases) per tile.</summary>
    public const int Columns = 4;

    /// <summary>Vectors of output pixels per tile.</summary>
    public const int Steps = 4;

    /// <summary>
    /// Runs the tile over all of <paramref name="steps"/> (step v's pixels start at <see cref="PixelSteps{T}.Offset"/>
    /// in the source) and hands each step's results to <paramref name="store"/>.
    /// </summary>
    public static void RunSteps<T, TStore>(T* source, int* tapOffsets, int taps, T* weights, in PixelSteps<T> steps, int rowStride, ref TStore store)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TStore : struct, IPixelStepStore<T>
    {
        int stepLength = Columns * Vector512<T>.Count;
        T* results = stackalloc T[Steps * stepLength];
        for (int i = 0; i < steps.Count; i += Steps)
        {
            Run(source, tapOffsets, taps, weights, steps.Offset(i, rowStride), steps.Offset(i + 1, rowStride), steps.Offset(i + 2, rowStride),
                steps.Offset(i + 3, rowStride), results);
            for (int v = 0; v < Steps; v++) store.Store(i + v, results + v * stepLength);
        }
    }

    /// <summary>
    /// results[(v * <see cref="Columns"/> + c) * (vector width) + lane] = for column c and step v, the sum over taps t
    /// of weights[t * <see cref="Columns"/> + c] * the vector at source + tapOffsets[t] + step v's offset
    /// (<paramref name="s0"/>..<paramref name="s3"/>). The results go to memory, not to a store callback: with
    /// calls after the loop the JIT spilled 12 of the 16 accumulators on every tap (so it is never inlined into the
    /// caller's loop, which calls the stores).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static void Run<T>(T* source, int* tapOffsets, int taps, T* weights, int s0, int s1, int s2, int s3, T* results)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* p0 = source + s0, p1 = source + s1, p2 = source + s2, p3 = source + s3;
        Vector512<T> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<T> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<T> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<T> a30 = default, a31 = default, a32 = default, a33 = default;
        for (int t = 0; t < taps; t++)
        {
            int offset = tapOffsets[t];
            T* w = weights + t * Columns;
            Vector512<T> w0 = Vector512.Create(w[0]), w1 = Vector512.Create(w[1]), w2 = Vector512.Create(w[2]), w3 = Vector512.Create(w[3]);
            Vector512<T> v = Vector512.Load(p0 + offset);
            a00 = Lanes512<T>.MultiplyAdd(v, w0, a00);
            a10 = Lanes512<T>.MultiplyAdd(v, w1, a10);
            a20 = Lanes512<T>.MultiplyAdd(v, w2, a20);
            a30 = Lanes512<T>.MultiplyAdd(v, w3, a30);
            v = Vector512.Load(p1 + offset);
            a01 = Lanes512<T>.MultiplyAdd(v, w0, a01);
            a11 = Lanes512<T>.MultiplyAdd(v, w1, a11);
            a21 = Lanes512<T>.MultiplyAdd(v, w2, a21);
            a31 = Lanes512<T>.MultiplyAdd(v, w3, a31);
            v = Vector512.Load(p2 + offset);
            a02 = Lanes512<T>.MultiplyAdd(v, w0, a02);
            a12 = Lanes512<T>.MultiplyAdd(v, w1, a12);
            a22 = Lanes512<T>.MultiplyAdd(v, w2, a22);
            a32 = Lanes512<T>.MultiplyAdd(v, w3, a32);
            v = Vector512.Load(p3 + offset);
            a03 = Lanes512<T>.MultiplyAdd(v, w0, a03);
            a13 = Lanes512<T>.MultiplyAdd(v, w1, a13);
            a23 = Lanes512<T>.MultiplyAdd(v, w2, a23);
            a33 = Lanes512<T>.MultiplyAdd(v, w3, a33);
        }
        int width = Vector512<T>.Count;
        StoreStep(results, width, a00, a10, a20, a30);
        StoreStep(results + Columns * width, width, a01, a11, a21, a31);
        StoreStep(results + 2 * Columns * width, width, a02, a12, a22, a32);
        StoreStep(results + 3 * Columns * width, width, a03, a13, a23, a33);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreStep<T>(T* step, int width, Vector512<T> c0, Vector512<T> c1, Vector512<T> c2, Vector512<T> c3)
        where T : unmanaged
    {
        c0.Store(step);
        c1.Store(step + width);
        c2.Store(step + 2 * width);
        c3.Store(step + 3 * width);
    }
}
