using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using SdfLearn.Core;

namespace SdfLearn.Tests.Core.Kernels;

/// <summary>A GEMM implementation under test, with the contract of <see cref="SdfLearn.Core.Kernels.Gemm.Multiply{T}"/>.</summary>
internal delegate void GemmCall<T>(T[] a, bool transposeA, T[] b, bool transposeB, T[] c, int m, int n, int k, bool accumulate);

/// <summary>Random operands and an independent reference product (MathNet, in double) for the GEMM tests.</summary>
internal static class GemmOracle
{
    /// <summary>Uniform values in [-1, 1) from a fixed seed.</summary>
    public static T[] Random<T>(int length, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[length];
        new SeededRandom(seed).FillUniform<T>(values, -T.One, T.One);
        return values;
    }

    /// <summary>op(A) * op(B) (+ C0 when given), computed by MathNet in double, row-major m x n.</summary>
    public static double[] Expected<T>(T[] a, bool transposeA, T[] b, bool transposeB, T[]? c0, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Matrix<double> opA = transposeA ? RowMajor(a, k, m).Transpose() : RowMajor(a, m, k);
        Matrix<double> opB = transposeB ? RowMajor(b, n, k).Transpose() : RowMajor(b, k, n);
        Matrix<double> product = opA * opB;
        if (c0 is not null) product += RowMajor(c0, m, n);
        var expected = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) expected[i * n + j] = product[i, j];
        return expected;
    }

    /// <summary>
    /// Fails naming the first element whose error exceeds a bound proportional to k (inputs lie in [-1, 1], so
    /// each of the k products and partial sums can add about one unit of rounding).
    /// </summary>
    public static void AssertClose<T>(double[] expected, T[] actual, int k, string context)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double epsilon = double.CreateChecked(T.BitIncrement(T.One) - T.One);
        double tolerance = 4 * (k + 2) * epsilon;
        for (int i = 0; i < expected.Length; i++)
        {
            double got = double.CreateChecked(actual[i]);
            Assert.True(Math.Abs(got - expected[i]) <= tolerance,
                $"{context}: element {i} is {got}, expected {expected[i]} (tolerance {tolerance}).");
        }
    }

    private static Matrix<double> RowMajor<T>(T[] values, int rows, int columns)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Matrix<double>.Build.Dense(rows, columns, (i, j) => double.CreateChecked(values[i * columns + j]));
}
