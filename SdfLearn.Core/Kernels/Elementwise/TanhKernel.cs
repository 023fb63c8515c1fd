using System.Numerics;
using System.Numerics.Tensors;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>Hyperbolic tangent; its derivative is taken from the output: <c>1 - y^2</c>.</summary>
public static class TanhKernel
{
    /// <summary><c>y[i] = tanh(x[i])</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(TanhKernel), x.Length, y.Length, nameof(y));
        TensorPrimitives.Tanh(x, y);
    }

    /// <summary>The input gradient from the forward output: <c>gradX[i] (+)= (1 - y[i]^2) * gradY[i]</c>.</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T> =>
        BackwardBySlope<Slope<T>, T>(nameof(TanhKernel), y, gradY, gradX, accumulate);

    private readonly struct Slope<T> : IChunkSlope<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Compute(ReadOnlySpan<T> y, Span<T> slope, Span<T> scratch)
        {
            TensorPrimitives.Multiply(y, y, slope);
            TensorPrimitives.Subtract(T.One, slope, slope);
        }
    }
}
