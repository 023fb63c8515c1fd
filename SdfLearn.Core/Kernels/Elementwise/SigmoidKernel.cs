using System.Numerics;
using System.Numerics.Tensors;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>Logistic sigmoid <c>y = 1 / (1 + exp(-x))</c>; its derivative is taken from the output: <c>y (1 - y)</c>.</summary>
public static class SigmoidKernel
{
    /// <summary><c>y[i] = sigmoid(x[i])</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(SigmoidKernel), x.Length, y.Length, nameof(y));
        if (!x.IsEmpty) TensorPrimitives.Sigmoid(x, y); // TensorPrimitives.Sigmoid rejects empty spans
    }

    /// <summary>The input gradient from the forward output: <c>gradX[i] (+)= y[i] (1 - y[i]) * gradY[i]</c>.</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T> =>
        BackwardBySlope<Slope<T>, T>(nameof(SigmoidKernel), y, gradY, gradX, accumulate);

    private readonly struct Slope<T> : IChunkSlope<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Compute(ReadOnlySpan<T> y, Span<T> slope, Span<T> scratch)
        {
            TensorPrimitives.Subtract(T.One, y, slope);
            TensorPrimitives.Multiply(slope, y, slope);
        }
    }
}
