using System.Numerics;
using System.Numerics.Tensors;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Square root (NaN for x &lt; 0); its derivative is taken from the output: <c>1 / (2 y)</c>, which is +infinity at
/// x = 0 (as PyTorch).
/// </summary>
public static class SqrtKernel
{
    /// <summary><c>y[i] = sqrt(x[i])</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(SqrtKernel), x.Length, y.Length, nameof(y));
        TensorPrimitives.Sqrt(x, y);
    }

    /// <summary>The input gradient from the forward output: <c>gradX[i] (+)= gradY[i] / (2 y[i])</c>.</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T> =>
        BackwardBySlope<Slope<T>, T>(nameof(SqrtKernel), y, gradY, gradX, accumulate);

    private readonly struct Slope<T> : IChunkSlope<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Compute(ReadOnlySpan<T> y, Span<T> slope, Span<T> scratch) =>
            TensorPrimitives.Divide(T.CreateTruncating(0.5), y, slope);
    }
}
