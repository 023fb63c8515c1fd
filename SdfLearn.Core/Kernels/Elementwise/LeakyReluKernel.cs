using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>Leaky ReLU: <c>y = x</c> for x &gt; 0, else <c>slope * x</c>; derivative 1 or <c>slope</c> (slope at the kink).</summary>
public static class LeakyReluKernel
{
    /// <summary><c>y[i] = x[i] &gt; 0 ? x[i] : slope * x[i]</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    [MethodImpl(JitAsRoot)]
    public static void Forward<T>(ReadOnlySpan<T> x, T slope, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(LeakyReluKernel), x.Length, y.Length, nameof(y));
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var slopes = new Vector<T>(slope);
            ref T xs = ref MemoryMarshal.GetReference(x);
            ref T ys = ref MemoryMarshal.GetReference(y);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var xv = Vector.LoadUnsafe(ref xs, (nuint)i);
                Vector.ConditionalSelect(Vector.GreaterThan(xv, Vector<T>.Zero), xv, xv * slopes).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < x.Length; i++)
            y[i] = x[i] > T.Zero ? x[i] : slope * x[i];
    }

    /// <summary>The input gradient: <c>gradX[i] (+)= (x[i] &gt; 0 ? 1 : slope) * gradY[i]</c>.</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    [MethodImpl(JitAsRoot)]
    public static void Backward<T>(ReadOnlySpan<T> x, T slope, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(LeakyReluKernel), x.Length, gradY.Length, nameof(gradY));
        SameLength(nameof(LeakyReluKernel), x.Length, gradX.Length, nameof(gradX));
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var slopes = new Vector<T>(slope);
            ref T xs = ref MemoryMarshal.GetReference(x);
            ref T gys = ref MemoryMarshal.GetReference(gradY);
            ref T gxs = ref MemoryMarshal.GetReference(gradX);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var g = Vector.LoadUnsafe(ref gys, (nuint)i);
                var scaled = Vector.ConditionalSelect(Vector.GreaterThan(Vector.LoadUnsafe(ref xs, (nuint)i), Vector<T>.Zero), g, g * slopes);
                (accumulate ? Vector.LoadUnsafe(ref gxs, (nuint)i) + scaled : scaled).StoreUnsafe(ref gxs, (nuint)i);
            }
        }
        for (; i < x.Length; i++)
        {
            T gradient = x[i] > T.Zero ? gradY[i] : slope * gradY[i];
            gradX[i] = accumulate ? gradX[i] + gradient : gradient;
        }
    }
}
