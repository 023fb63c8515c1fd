using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// GELU, tanh approximation (PyTorch <c>approximate="tanh"</c>, Flax's default):
/// <c>y = x/2 * (1 + tanh(u))</c> with <c>u = sqrt(2/pi) * (x + 0.044715 x^3)</c>; derivative
/// <c>(1 + tanh u)/2 + x/2 * (1 - tanh^2 u) * sqrt(2/pi) * (1 + 3 * 0.044715 x^2)</c>.
/// Evaluated in one fused pass through the identity <c>(1 + tanh u)/2 = s = 1 / (1 + exp(-2u))</c>, so
/// <c>y = x s</c> and the derivative is <c>s + s (1 - s) x (2 sqrt(2/pi)) (1 + 3 * 0.044715 x^2)</c>.
/// </summary>
public static class GeluTanhKernel
{
    private const double Cubic = 0.044715;
    private static readonly double TwoSqrtTwoOverPi = 2 * Math.Sqrt(2.0 / Math.PI);

    /// <summary><c>y[i] = GELU_tanh(x[i])</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    [MethodImpl(JitAsRoot)]
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(GeluTanhKernel), x.Length, y.Length, nameof(y));
        T linear = T.CreateTruncating(TwoSqrtTwoOverPi), cubic = T.CreateTruncating(TwoSqrtTwoOverPi * Cubic);
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            Vector<T> linears = new(linear), cubics = new(cubic);
            ref T xs = ref MemoryMarshal.GetReference(x);
            ref T ys = ref MemoryMarshal.GetReference(y);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var xv = Vector.LoadUnsafe(ref xs, (nuint)i);
                var twoU = xv * (linears + cubics * xv * xv);
                (xv / (Vector<T>.One + VectorMath.Exp(-twoU))).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < x.Length; i++)
        {
            T xi = x[i];
            y[i] = xi / (T.One + T.Exp(-xi * (linear + cubic * xi * xi)));
        }
    }

    /// <summary>The input gradient: <c>gradX[i] (+)= GELU_tanh'(x[i]) * gradY[i]</c>.</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    [MethodImpl(JitAsRoot)]
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(GeluTanhKernel), x.Length, gradY.Length, nameof(gradY));
        SameLength(nameof(GeluTanhKernel), x.Length, gradX.Length, nameof(gradX));
        T linear = T.CreateTruncating(TwoSqrtTwoOverPi), cubic = T.CreateTruncating(TwoSqrtTwoOverPi * Cubic);
        T cubicSlope = T.CreateTruncating(3 * TwoSqrtTwoOverPi * Cubic);
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            Vector<T> linears = new(linear), cubics = new(cubic), cubicSlopes = new(cubicSlope);
            ref T xs = ref MemoryMarshal.GetReference(x);
            ref T gys = ref MemoryMarshal.GetReference(gradY);
            ref T gxs = ref MemoryMarshal.GetReference(gradX);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var xv = Vector.LoadUnsafe(ref xs, (nuint)i);
                var x2 = xv * xv;
                var s = Vector<T>.One / (Vector<T>.One + VectorMath.Exp(-(xv * (linears + cubics * x2))));
                var slope = s + s * (Vector<T>.One - s) * xv * (linears + cubicSlopes * x2);
                var gradient = slope * Vector.LoadUnsafe(ref gys, (nuint)i);
                if (accumulate) gradient = Vector.LoadUnsafe(ref gxs, (nuint)i) + gradient;
                gradient.StoreUnsafe(ref gxs, (nuint)i);
            }
        }
        for (; i < x.Length; i++)
        {
            T xi = x[i], x2 = xi * xi;
            T s = T.One / (T.One + T.Exp(-xi * (linear + cubic * x2)));
            T gradient = (s + s * (T.One - s) * xi * (linear + cubicSlope * x2)) * gradY[i];
            gradX[i] = accumulate ? gradX[i] + gradient : gradient;
        }
    }
}
