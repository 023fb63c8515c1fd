using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>Absolute value <c>y = |x|</c>; its derivative is <c>sign(x)</c>: 1 for x &gt; 0, -1 for x &lt; 0, 0 at the kink (as PyTorch).</summary>
public static class AbsKernel
{
    /// <summary><c>y[i] = |x[i]|</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(AbsKernel), x.Length, y.Length, nameof(y));
        TensorPrimitives.Abs(x, y);
    }

    /// <summary>The input gradient: <c>gradX[i] (+)= sign(x[i]) * gradY[i]</c>, with <c>sign(0) = 0</c>.</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    [MethodImpl(JitAsRoot)]
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(AbsKernel), x.Length, gradY.Length, nameof(gradY));
        SameLength(nameof(AbsKernel), x.Length, gradX.Length, nameof(gradX));
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            ref T xs = ref MemoryMarshal.GetReference(x);
            ref T gys = ref MemoryMarshal.GetReference(gradY);
            ref T gxs = ref MemoryMarshal.GetReference(gradX);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var xv = Vector.LoadUnsafe(ref xs, (nuint)i);
                var g = Vector.LoadUnsafe(ref gys, (nuint)i);
                var signed = Vector.ConditionalSelect(Vector.GreaterThan(xv, Vector<T>.Zero), g,
                    Vector.ConditionalSelect(Vector.LessThan(xv, Vector<T>.Zero), -g, Vector<T>.Zero));
                (accumulate ? Vector.LoadUnsafe(ref gxs, (nuint)i) + signed : signed).StoreUnsafe(ref gxs, (nuint)i);
            }
        }
        for (; i < x.Length; i++)
        {
            T gradient = x[i] > T.Zero ? gradY[i] : x[i] < T.Zero ? -gradY[i] : T.Zero;
            gradX[i] = accumulate ? gradX[i] + gradient : gradient;
        }
    }
}
