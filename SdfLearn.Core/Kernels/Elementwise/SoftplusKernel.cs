using System.Numerics;
using System.Numerics.Tensors;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Softplus: <c>y = log(1 + exp(x))</c>, evaluated as <c>max(x, 0) + log1p(exp(-|x|))</c> so it neither overflows for
/// large x nor loses the tail for very negative x; derivative <c>sigmoid(x)</c>. The general form is PyTorch's
/// <c>nn.Softplus(beta, threshold)</c>: <c>y = log(1 + exp(beta x)) / beta</c>, and <c>y = x</c> (derivative 1) where
/// <c>beta x &gt; threshold</c> (an infinite or NaN threshold means none); otherwise its derivative is <c>sigmoid(beta x)</c>.
/// </summary>
public static class SoftplusKernel
{
    /// <summary><c>y[i] = log(1 + exp(x[i]))</c> (beta 1, no threshold).</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        Forward(x, T.One, T.PositiveInfinity, y);

    /// <summary>The input gradient: <c>gradX[i] (+)= sigmoid(x[i]) * gradY[i]</c> (beta 1, no threshold).</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T> =>
        Backward(x, T.One, T.PositiveInfinity, gradY, gradX, accumulate);

    /// <summary>
    /// <c>y[i] = beta x[i] &gt; threshold ? x[i] : log(1 + exp(beta x[i])) / beta</c> (PyTorch's <c>softplus</c>; its
    /// defaults are beta 1, threshold 20).
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length, or beta is not positive and finite.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, T beta, T threshold, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(SoftplusKernel), x.Length, y.Length, nameof(y));
        ThrowIfInvalidBeta(beta);
        bool scaled = beta != T.One;
        Span<T> betaX = stackalloc T[scaled ? ChunkLength : 0];
        Span<T> tail = stackalloc T[ChunkLength];
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int n = Math.Min(ChunkLength, x.Length - start);
            var xs = x.Slice(start, n);
            var ys = y.Slice(start, n);
            ReadOnlySpan<T> z = scaled ? betaX[..n] : xs;
            if (scaled) TensorPrimitives.Multiply(xs, beta, betaX[..n]);
            var t = tail[..n];
            TensorPrimitives.Abs(z, t);
            TensorPrimitives.Negate(t, t);
            TensorPrimitives.Exp(t, t);
            TensorPrimitives.LogP1(t, t); // log1p(exp(-|z|))
            TensorPrimitives.Max(z, T.Zero, ys);
            TensorPrimitives.Add(ys, t, ys);
            if (scaled) TensorPrimitives.Divide(ys, beta, ys);
            if (T.IsFinite(threshold)) ReplaceAbove(z, threshold, xs, ys);
        }
    }

    /// <summary>
    /// The input gradient of the general form: <c>gradX[i] (+)= (beta x[i] &gt; threshold ? 1 : sigmoid(beta x[i])) * gradY[i]</c>.
    /// </summary>
    /// <param name="x">The op's input.</param>
    /// <param name="beta">The sharpness (positive).</param>
    /// <param name="threshold">Above this <c>beta x</c> the op is the identity.</param>
    /// <param name="gradY">The output's gradient.</param>
    /// <param name="gradX">The input's gradient.</param>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or beta is not positive and finite.</exception>
    public static void Backward<T>(ReadOnlySpan<T> x, T beta, T threshold, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(SoftplusKernel), x.Length, gradY.Length, nameof(gradY));
        SameLength(nameof(SoftplusKernel), x.Length, gradX.Length, nameof(gradX));
        ThrowIfInvalidBeta(beta);
        Span<T> slope = stackalloc T[ChunkLength];
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int n = Math.Min(ChunkLength, x.Length - start);
            Derivative(x.Slice(start, n), beta, threshold, slope[..n]);
            WriteGradient<T>(gradY.Slice(start, n), slope[..n], gradX.Slice(start, n), accumulate);
        }
    }

    /// <summary>
    /// The derivative of the general form as values, <c>slope[i] = beta x[i] &gt; threshold ? 1 : sigmoid(beta x[i])</c>,
    /// for input gradients recorded through a network.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length, or beta is not positive and finite.</exception>
    public static void Derivative<T>(ReadOnlySpan<T> x, T beta, T threshold, Span<T> slope) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(SoftplusKernel), x.Length, slope.Length, nameof(slope));
        ThrowIfInvalidBeta(beta);
        bool scaled = beta != T.One, thresholded = T.IsFinite(threshold);
        Span<T> betaX = stackalloc T[scaled ? ChunkLength : 0];
        Span<T> ones = stackalloc T[thresholded ? ChunkLength : 0];
        ones.Fill(T.One);
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int n = Math.Min(ChunkLength, x.Length - start);
            ReadOnlySpan<T> z = scaled ? betaX[..n] : x.Slice(start, n);
            if (scaled) TensorPrimitives.Multiply(x.Slice(start, n), beta, betaX[..n]);
            TensorPrimitives.Sigmoid(z, slope.Slice(start, n));
            if (thresholded) ReplaceAbove(z, threshold, ones[..n], slope.Slice(start, n));
        }
    }

    /// <summary>
    /// The input gradient of <see cref="Derivative{T}"/> (the second derivative), given the values it wrote:
    /// <c>gradX[i] (+)= (beta x[i] &gt; threshold ? 0 : beta slope[i] (1 - slope[i])) * gradY[i]</c>.
    /// </summary>
    /// <param name="x">The input of <see cref="Derivative{T}"/>.</param>
    /// <param name="beta">The sharpness (positive).</param>
    /// <param name="threshold">Above this <c>beta x</c> the op is the identity.</param>
    /// <param name="slope">The output of <see cref="Derivative{T}"/>.</param>
    /// <param name="gradY">The output's gradient.</param>
    /// <param name="gradX">The input's gradient.</param>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or beta is not positive and finite.</exception>
    public static void DerivativeBackward<T>(ReadOnlySpan<T> x, T beta, T threshold, ReadOnlySpan<T> slope, ReadOnlySpan<T> gradY, Span<T> gradX,
        bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(SoftplusKernel), x.Length, slope.Length, nameof(slope));
        SameLength(nameof(SoftplusKernel), x.Length, gradY.Length, nameof(gradY));
        SameLength(nameof(SoftplusKernel), x.Length, gradX.Length, nameof(gradX));
        ThrowIfInvalidBeta(beta);
        bool thresholded = T.IsFinite(threshold);
        Span<T> betaX = stackalloc T[thresholded ? ChunkLength : 0];
        Span<T> zeros = stackalloc T[thresholded ? ChunkLength : 0];
        zeros.Clear();
        Span<T> second = stackalloc T[ChunkLength];
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int n = Math.Min(ChunkLength, x.Length - start);
            var s = slope.Slice(start, n);
            var chunk = second[..n];
            TensorPrimitives.Subtract(T.One, s, chunk);
            TensorPrimitives.Multiply(chunk, s, chunk);
            TensorPrimitives.Multiply(chunk, beta, chunk);
            if (thresholded)
            {
                TensorPrimitives.Multiply(x.Slice(start, n), beta, betaX[..n]);
                ReplaceAbove(betaX[..n], threshold, zeros[..n], chunk);
            }
            WriteGradient<T>(gradY.Slice(start, n), chunk, gradX.Slice(start, n), accumulate);
        }
    }

    /// <summary><c>y[i] = z[i] &gt; threshold ? replacement[i] : y[i]</c>.</summary>
    private static void ReplaceAbove<T>(ReadOnlySpan<T> z, T threshold, ReadOnlySpan<T> replacement, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var thresholds = new Vector<T>(threshold);
            for (; i <= z.Length - Vector<T>.Count; i += Vector<T>.Count)
                Vector.ConditionalSelect(Vector.GreaterThan(new Vector<T>(z[i..]), thresholds), new Vector<T>(replacement[i..]), new Vector<T>(y[i..]))
                    .CopyTo(y[i..]);
        }
        for (; i < z.Length; i++)
            if (z[i] > threshold) y[i] = replacement[i];
    }

    /// <summary>Throws unless beta is positive and finite.</summary>
    /// <exception cref="ArgumentException">Beta is zero, negative, infinite or NaN.</exception>
    public static void ThrowIfInvalidBeta<T>(T beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(beta > T.Zero && T.IsFinite(beta)))
            throw new ArgumentException($"Softplus: beta must be positive and finite, got {beta}.", nameof(beta));
    }
}
