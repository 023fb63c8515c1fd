using System.Numerics;
using System.Numerics.Tensors;
using static SdfLearn.Core.Kernels.ElementwiseChecks;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// GELU, tanh approximation (PyTorch <c>approximate="tanh"</c>, Flax's default):
/// <c>y = x/2 * (1 + tanh(u))</c> with <c>u = sqrt(2/pi) * (x + 0.044715 x^3)</c>; derivative
/// <c>(1 + tanh u)/2 + x/2 * (1 - tanh^2 u) * sqrt(2/pi) * (1 + 3 * 0.044715 x^2)</c>.
/// Each chunk runs as a chain of vectorised TensorPrimitives passes through stack scratch.
/// </summary>
public static class GeluTanhKernel
{
    private const double Cubic = 0.044715;
    private static readonly double SqrtTwoOverPi = Math.Sqrt(2.0 / Math.PI);

    /// <summary><c>y[i] = GELU_tanh(x[i])</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(GeluTanhKernel), x.Length, y.Length, nameof(y));
        T cubic = T.CreateTruncating(Cubic), scale = T.CreateTruncating(SqrtTwoOverPi), half = T.CreateTruncating(0.5);
        Span<T> u = stackalloc T[ChunkLength];
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int n = Math.Min(ChunkLength, x.Length - start);
            var xs = x.Slice(start, n);
            var ys = y.Slice(start, n);
            var us = u[..n];
            TensorPrimitives.Multiply(xs, cubic, us);
            TensorPrimitives.MultiplyAdd(us, xs, T.One, us);    // 1 + k x^2
            TensorPrimitives.Multiply(us, xs, us);              // x + k x^3
            TensorPrimitives.Multiply(us, scale, us);           // u
            TensorPrimitives.Tanh(us, us);
            TensorPrimitives.MultiplyAdd(us, xs, xs, ys);       // x tanh(u) + x
            TensorPrimitives.Multiply(ys, half, ys);
        }
    }

    /// <summary>Adds the input gradient: <c>gradX[i] += GELU_tanh'(x[i]) * gradY[i]</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradY, Span<T> gradX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(GeluTanhKernel), x.Length, gradY.Length, nameof(gradY));
        SameLength(nameof(GeluTanhKernel), x.Length, gradX.Length, nameof(gradX));
        T cubic = T.CreateTruncating(Cubic), cubicSlope = T.CreateTruncating(3 * Cubic), scale = T.CreateTruncating(SqrtTwoOverPi);
        T half = T.CreateTruncating(0.5), halfScale = T.CreateTruncating(0.5 * SqrtTwoOverPi);
        Span<T> square = stackalloc T[ChunkLength];
        Span<T> tanh = stackalloc T[ChunkLength];
        Span<T> sech2 = stackalloc T[ChunkLength];
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int n = Math.Min(ChunkLength, x.Length - start);
            var xs = x.Slice(start, n);
            Span<T> s = square[..n], t = tanh[..n], d = sech2[..n];
            TensorPrimitives.Multiply(xs, xs, s);                 // x^2
            TensorPrimitives.Multiply(s, cubic, t);
            TensorPrimitives.Add(t, T.One, t);                    // 1 + k x^2
            TensorPrimitives.Multiply(t, xs, t);
            TensorPrimitives.Multiply(t, scale, t);
            TensorPrimitives.Tanh(t, t);                          // tanh(u)
            TensorPrimitives.Multiply(t, t, d);
            TensorPrimitives.Subtract(T.One, d, d);               // 1 - tanh^2
            TensorPrimitives.Multiply(s, cubicSlope, s);
            TensorPrimitives.Add(s, T.One, s);                    // 1 + 3k x^2
            TensorPrimitives.Multiply(s, xs, s);
            TensorPrimitives.Multiply(s, d, s);
            TensorPrimitives.Multiply(s, halfScale, s);           // x/2 (1 - tanh^2) du/dx
            TensorPrimitives.MultiplyAdd(t, half, s, s);          // + tanh/2
            TensorPrimitives.Add(s, half, s);                     // + 1/2
            var gx = gradX.Slice(start, n);
            TensorPrimitives.MultiplyAdd(gradY.Slice(start, n), s, gx, gx);
        }
    }
}
