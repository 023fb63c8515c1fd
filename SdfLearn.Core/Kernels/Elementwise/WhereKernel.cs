using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Selection by a mask: <c>y = condition != 0 ? a : b</c> (a NaN condition counts as true, being unequal to 0). The
/// gradient goes to the selected operand; the condition gets none.
/// </summary>
public static class WhereKernel
{
    /// <summary><c>y[i] = condition[i] != 0 ? a[i] : b[i]</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    [MethodImpl(JitAsRoot)]
    public static void Forward<T>(ReadOnlySpan<T> condition, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(WhereKernel), condition.Length, a.Length, nameof(a));
        SameLength(nameof(WhereKernel), condition.Length, b.Length, nameof(b));
        SameLength(nameof(WhereKernel), condition.Length, y.Length, nameof(y));
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            ref T cs = ref MemoryMarshal.GetReference(condition);
            ref T @as = ref MemoryMarshal.GetReference(a);
            ref T bs = ref MemoryMarshal.GetReference(b);
            ref T ys = ref MemoryMarshal.GetReference(y);
            for (; i <= y.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var isZero = Vector.Equals(Vector.LoadUnsafe(ref cs, (nuint)i), Vector<T>.Zero);
                Vector.ConditionalSelect(isZero, Vector.LoadUnsafe(ref bs, (nuint)i), Vector.LoadUnsafe(ref @as, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < y.Length; i++) y[i] = condition[i] != T.Zero ? a[i] : b[i];
    }

    /// <summary>
    /// Adds <c>gradY[i]</c> into <c>gradA[i]</c> where <c>condition[i] != 0</c> and into <c>gradB[i]</c> elsewhere.
    /// An empty gradient span is skipped.
    /// </summary>
    /// <exception cref="ArgumentException">A non-empty span differs in length from <paramref name="condition"/>.</exception>
    [MethodImpl(JitAsRoot)]
    public static void Backward<T>(ReadOnlySpan<T> condition, ReadOnlySpan<T> gradY, Span<T> gradA, Span<T> gradB) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(WhereKernel), condition.Length, gradY.Length, nameof(gradY));
        if (!gradA.IsEmpty) SameLength(nameof(WhereKernel), condition.Length, gradA.Length, nameof(gradA));
        if (!gradB.IsEmpty) SameLength(nameof(WhereKernel), condition.Length, gradB.Length, nameof(gradB));
        bool toA = !gradA.IsEmpty, toB = !gradB.IsEmpty;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            ref T cs = ref MemoryMarshal.GetReference(condition);
            ref T gys = ref MemoryMarshal.GetReference(gradY);
            ref T gas = ref MemoryMarshal.GetReference(gradA);
            ref T gbs = ref MemoryMarshal.GetReference(gradB);
            for (; i <= gradY.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var isZero = Vector.Equals(Vector.LoadUnsafe(ref cs, (nuint)i), Vector<T>.Zero);
                var g = Vector.LoadUnsafe(ref gys, (nuint)i);
                if (toA) (Vector.LoadUnsafe(ref gas, (nuint)i) + Vector.ConditionalSelect(isZero, Vector<T>.Zero, g)).StoreUnsafe(ref gas, (nuint)i);
                if (toB) (Vector.LoadUnsafe(ref gbs, (nuint)i) + Vector.ConditionalSelect(isZero, g, Vector<T>.Zero)).StoreUnsafe(ref gbs, (nuint)i);
            }
        }
        for (; i < gradY.Length; i++)
        {
            if (condition[i] != T.Zero) { if (toA) gradA[i] += gradY[i]; }
            else if (toB) gradB[i] += gradY[i];
        }
    }
}
