using System.Numerics;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// GELU, exact form (PyTorch's default): <c>y = x * Phi(x) = x/2 * (1 + erf(x / sqrt 2))</c>; derivative
/// <c>Phi(x) + x * phi(x)</c> with <c>phi(x) = exp(-x^2/2) / sqrt(2 pi)</c>. Scalar: erf has no vector form here.
/// </summary>
public static class GeluErfKernel
{
    private static readonly double InvSqrtTwo = 1.0 / Math.Sqrt(2.0);
    private static readonly double InvSqrtTwoPi = 1.0 / Math.Sqrt(2.0 * Math.PI);

    /// <summary><c>y[i] = x[i] * Phi(x[i])</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(GeluErfKernel), x.Length, y.Length, nameof(y));
        for (int i = 0; i < x.Length; i++) y[i] = x[i] * NormalCdf(x[i]);
    }

    /// <summary>The input gradient: <c>gradX[i] (+)= (Phi(x[i]) + x[i] phi(x[i])) * gradY[i]</c>.</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(GeluErfKernel), x.Length, gradY.Length, nameof(gradY));
        SameLength(nameof(GeluErfKernel), x.Length, gradX.Length, nameof(gradX));
        T density = T.CreateTruncating(InvSqrtTwoPi), half = T.CreateTruncating(0.5);
        for (int i = 0; i < x.Length; i++)
        {
            T xi = x[i];
            T gradient = (NormalCdf(xi) + xi * density * T.Exp(-half * xi * xi)) * gradY[i];
            gradX[i] = accumulate ? gradX[i] + gradient : gradient;
        }
    }

    private static T NormalCdf<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.CreateTruncating(0.5) * (T.One + ErfKernel.Evaluate(x * T.CreateTruncating(InvSqrtTwo)));
}
