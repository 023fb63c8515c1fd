using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Core.Kernels;

/// <summary>Argument checks, chunking and the gradient write shared by the element-wise kernels.</summary>
internal static class ElementwiseSupport
{
    /// <summary>
    /// Elements per chunk when a kernel chains several vectorised passes through stack scratch: small enough that the
    /// scratch stays in L1 and on the stack, large enough that per-call overhead vanishes.
    /// </summary>
    public const int ChunkLength = 256;

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
}
