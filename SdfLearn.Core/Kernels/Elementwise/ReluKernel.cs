using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>Rectified linear unit: <c>y = max(x, 0)</c>; its derivative is 1 for x &gt; 0 and 0 otherwise (0 at the kink).</summary>
public static class ReluKernel
{
    /// <summary><c>y[i] = max(x[i], 0)</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(ReluKernel), x.Length, y.Length, nameof(y));
        TensorPrimitives.Max(x, T.Zero, y);
    }

    /// <summary>
    /// ReLU's derivative as values, <c>step[i] = x[i] &gt; 0 ? 1 : 0</c> (0 at the kink and for NaN), for input gradients
    /// recorded through a network.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    [MethodImpl(JitAsRoot)]
    public static void Step<T>(ReadOnlySpan<T> x, Span<T> step) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(ReluKernel), x.Length, step.Length, nameof(step));
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            ref T xs = ref MemoryMarshal.GetReference(x);
            ref T steps = ref MemoryMarshal.GetReference(step);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
                Vector.ConditionalSelect(Vector.GreaterThan(Vector.LoadUnsafe(ref xs, (nuint)i), Vector<T>.Zero), Vector<T>.One, Vector<T>.Zero)
                    .StoreUnsafe(ref steps, (nuint)i);
        }
        for (; i < x.Length; i++) step[i] = x[i] > T.Zero ? T.One : T.Zero;
    }

    /// <summary>The input gradient: <c>gradX[i] (+)= x[i] &gt; 0 ? gradY[i] : 0</c>.</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    [MethodImpl(JitAsRoot)]
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(ReluKernel), x.Length, gradY.Length, nameof(gradY));
        SameLength(nameof(ReluKernel), x.Length, gradX.Length, nameof(gradX));
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            ref T xs = ref MemoryMarshal.GetReference(x);
            ref T gys = ref MemoryMarshal.GetReference(gradY);
            ref T gxs = ref MemoryMarshal.GetReference(gradX);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var positive = Vector.GreaterThan(Vector.LoadUnsafe(ref xs, (nuint)i), Vector<T>.Zero);
                var passed = Vector.ConditionalSelect(positive, Vector.LoadUnsafe(ref gys, (nuint)i), Vector<T>.Zero);
                (accumulate ? Vector.LoadUnsafe(ref gxs, (nuint)i) + passed : passed).StoreUnsafe(ref gxs, (nuint)i);
            }
        }
        for (; i < x.Length; i++)
        {
            T gradient = x[i] > T.Zero ? gradY[i] : T.Zero;
            gradX[i] = accumulate ? gradX[i] + gradient : gradient;
        }
    }
}
