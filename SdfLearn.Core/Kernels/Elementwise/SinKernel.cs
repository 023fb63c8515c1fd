using System.Numerics;
using System.Numerics.Tensors;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>Sine (x in radians); derivative <c>cos(x)</c>.</summary>
public static class SinKernel
{
    /// <summary><c>y[i] = sin(x[i])</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(SinKernel), x.Length, y.Length, nameof(y));
        TensorPrimitives.Sin(x, y);
    }

    /// <summary>The input gradient: <c>gradX[i] (+)= cos(x[i]) * gradY[i]</c>.</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T> =>
        BackwardBySlope<Slope<T>, T>(nameof(SinKernel), x, gradY, gradX, accumulate);

    private readonly struct Slope<T> : IChunkSlope<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Compute(ReadOnlySpan<T> x, Span<T> slope, Span<T> scratch) => TensorPrimitives.Cos(x, slope);
    }
}
