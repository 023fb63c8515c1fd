using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>Generic access to the vector maths that .NET provides only for float and double.</summary>
internal static class VectorMath
{
    /// <summary>Whether <see cref="Vector{T}"/> paths, including <see cref="Exp{T}"/>, run in hardware for T.</summary>
    public static bool IsAccelerated<T>() =>
        Vector.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary>Element-wise e^x (the JIT keeps only the branch for T).</summary>
    /// <exception cref="NotSupportedException">T is neither float nor double.</exception>
    public static Vector<T> Exp<T>(Vector<T> x)
    {
        if (typeof(T) == typeof(float)) return Vector.Exp(x.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector.Exp(x.As<T, double>()).As<double, T>();
        throw new NotSupportedException($"No vector exponential for {typeof(T).Name}.");
    }
}
