using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SdfLearn.Core.Kernels;

/// <summary>Computes a chunk of outputs from a chunk of inputs (spans of equal length), with stack scratch to spare.</summary>
internal interface IChunkMap<T>
{
    static abstract void Compute(ReadOnlySpan<T> x, Span<T> y, Span<T> scratch);
}

/// <summary>Computes the local derivative <c>dy/dx</c> of a chunk (from the input or the output, as the op defines).</summary>
internal interface IChunkSlope<T>
{
    static abstract void Compute(ReadOnlySpan<T> source, Span<T> slope, Span<T> scratch);
}

/// <summary>
/// Argument checks and the chunked drivers shared by the element-wise kernels that chain vectorised TensorPrimitives
/// passes: each chunk runs every pass while it is still in L1.
/// </summary>
internal static class ElementwiseSupport
{
    /// <summary>
    /// Elements per chunk when a kernel chains several vectorised passes through stack scratch: small enough that the
    /// scratch stays in L1 and on the stack, large enough that per-call overhead vanishes.
    /// </summary>
    public const int ChunkLength = 256;

    /// <summary>
    /// For the kernels with their own vector loops: compiled on their own, fully optimised at once. Inlined into Ops'
    /// small lambdas (or through tiering's profile), a kernel used up the lambda's inlining budget, so the loop's span
    /// slices, vector loads and stores (and GELU's Exp) stayed calls with every vector passed through memory: GELU took
    /// 23 % of the VAE step's CPU, ReLU's backward ran so in the eikonal step. The loops load and store through refs
    /// (the lengths are checked once, above them) rather than slicing spans, whose per-vector checks and the spills
    /// around them lengthened the loops.
    /// </summary>
    public const MethodImplOptions JitAsRoot = MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization;

    /// <summary>Throws unless every span has the input's length.</summary>
    public static void SameLength(string kernel, int input, int other, string otherName)
    {
        if (other != input)
            throw new ArgumentException($"{kernel}: {otherName} has {other} elements but the input has {input}.", otherName);
    }

    /// <summary>
    /// <c>gradX = gradY * slope</c>, or <c>gradX += gradY * slope</c> when accumulating (the first gradient to reach a
    /// value overwrites, so its buffer need not be zeroed first).
    /// </summary>
    public static void WriteGradient<T>(ReadOnlySpan<T> gradY, ReadOnlySpan<T> slope, Span<T> gradX, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (accumulate) TensorPrimitives.MultiplyAdd(gradY, slope, gradX, gradX);
        else TensorPrimitives.Multiply(gradY, slope, gradX);
    }

    /// <summary>Runs <typeparamref name="TMap"/> over <paramref name="x"/> in chunks, writing <paramref name="y"/>.</summary>
    public static void MapByChunks<TMap, T>(string kernel, ReadOnlySpan<T> x, Span<T> y)
        where TMap : IChunkMap<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(kernel, x.Length, y.Length, nameof(y));
        Span<T> scratch = stackalloc T[ChunkLength];
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int n = Math.Min(ChunkLength, x.Length - start);
            TMap.Compute(x.Slice(start, n), y.Slice(start, n), scratch[..n]);
        }
    }

    /// <summary>
    /// <c>gradX (+)= gradY * slope(source)</c> in chunks, the slope computed by <typeparamref name="TSlope"/> from
    /// <paramref name="source"/> (the op's input or output).
    /// </summary>
    public static void BackwardBySlope<TSlope, T>(string kernel, ReadOnlySpan<T> source, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate)
        where TSlope : IChunkSlope<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(kernel, source.Length, gradY.Length, nameof(gradY));
        SameLength(kernel, source.Length, gradX.Length, nameof(gradX));
        Span<T> slope = stackalloc T[ChunkLength];
        Span<T> scratch = stackalloc T[ChunkLength];
        for (int start = 0; start < source.Length; start += ChunkLength)
        {
            int n = Math.Min(ChunkLength, source.Length - start);
            TSlope.Compute(source.Slice(start, n), slope[..n], scratch[..n]);
            WriteGradient<T>(gradY.Slice(start, n), slope[..n], gradX.Slice(start, n), accumulate);
        }
    }
}
