using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdfLearn.Core.Kernels;

/// <summary>Generic access to the vector maths that .NET provides only for float and double.</summary>
internal static class VectorMath
{
    /// <summary>Whether <see cref="Vector{T}"/> paths, including <see cref="Exp{T}"/>, run in hardware for T.</summary>
    public static bool IsAccelerated<T>() =>
        Vector.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary>
    /// Element-wise e^x (the JIT keeps only the branch for T): float by <see cref="ExpSingle"/>, double by
    /// <see cref="Vector.Exp(Vector{double})"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">T is neither float nor double.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Exp<T>(Vector<T> x)
    {
        if (typeof(T) == typeof(float)) return ExpSingle(x.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector.Exp(x.As<T, double>()).As<double, T>();
        throw new NotSupportedException($"No vector exponential for {typeof(T).Name}.");
    }

    // Cephes' expf: x = k ln2 + r with |r| <= ln2/2 (ln2 split in two so r is exact), e^r = 1 + r + r^2 p(r).
    private const float Log2E = 1.44269504088896341f, Ln2High = 0.693359375f, Ln2Low = -2.12194440e-4f;
    private const float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f, P3 = 4.1665795894e-2f,
        P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    /// <summary>
    /// The range of arguments whose 2^k is a normal float (|k| &lt;= 126, k = round(x log2 e)): above it e^x is taken as
    /// +infinity (it overflows at 88.72), below it as 0.
    /// </summary>
    private const float MaxArgument = 88.3762626647949f, MinArgument = -87.3365447504019f;

    /// <summary>
    /// e^x in single precision to within about 2 ulp, all in float lanes (<see cref="Vector.Exp(Vector{float})"/>
    /// widens to double, about twice the work, which made it most of GELU's cost): e^r by Cephes' polynomial, 2^k from
    /// its exponent bits. NaN stays NaN. Out-of-range lanes compute garbage that the final selects replace, so no clamp
    /// is needed (and no saturating conversion).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpSingle(Vector<float> x)
    {
        var k = Vector.Round(x * new Vector<float>(Log2E));
        var r = Vector.FusedMultiplyAdd(k, new Vector<float>(-Ln2High), x);
        r = Vector.FusedMultiplyAdd(k, new Vector<float>(-Ln2Low), r);
        var p = Vector.FusedMultiplyAdd(new Vector<float>(P0), r, new Vector<float>(P1));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(P2));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(P3));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(P4));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(P5));
        p = Vector.FusedMultiplyAdd(p * r, r, r) + Vector<float>.One;
        var powerOfTwo = Vector.ShiftLeft(Vector.ConvertToInt32Native(k) + new Vector<int>(127), 23).As<int, float>();
        var result = Vector.ConditionalSelect(Vector.GreaterThan(x, new Vector<float>(MaxArgument)), new Vector<float>(float.PositiveInfinity), p * powerOfTwo);
        return Vector.ConditionalSelect(Vector.LessThan(x, new Vector<float>(MinArgument)), Vector<float>.Zero, result);
    }
}
