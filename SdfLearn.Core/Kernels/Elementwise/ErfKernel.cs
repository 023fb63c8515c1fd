using System.Numerics;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The error function <c>erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt</c>, within 2e-15 of the true value in
/// double (so that finite differences of anything built on it match the analytic derivative).
/// </summary>
public static class ErfKernel
{
    private static readonly double TwoOverSqrtPi = 2.0 / Math.Sqrt(Math.PI);

    /// <summary>Beyond this |x|, erf(x) rounds to +-1 in double precision.</summary>
    private const double SaturationPoint = 6.0;

    /// <summary><c>erf(x)</c> for one value.</summary>
    public static T Evaluate<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double v = double.CreateTruncating(x);
        if (double.IsNaN(v)) return T.NaN;
        double a = Math.Abs(v);
        if (a >= SaturationPoint) return T.CopySign(T.One, x);
        // erf(a) = 2/sqrt(pi) exp(-a^2) * sum_n (2a^2)^n a / (1*3*...*(2n+1)): every term is positive, so there is no
        // cancellation, and the terms shrink once n exceeds a^2 (under ~90 terms for a < 6).
        double twoA2 = 2 * a * a, term = a, sum = a;
        for (int n = 1; term > sum * 1e-17; n++)
        {
            term *= twoA2 / (2 * n + 1);
            sum += term;
        }
        double result = Math.Min(1.0, TwoOverSqrtPi * Math.Exp(-a * a) * sum);
        return T.CreateTruncating(v < 0 ? -result : result);
    }

    /// <summary><c>y[i] = erf(x[i])</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(ErfKernel), x.Length, y.Length, nameof(y));
        for (int i = 0; i < x.Length; i++) y[i] = Evaluate(x[i]);
    }
}
