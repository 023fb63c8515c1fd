using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Element-wise maximum and minimum of two spans. Each output element is one of its operands, and its gradient goes
/// to that operand alone; on a tie it goes to the first operand (<c>a &gt;= b</c> selects a for the maximum,
/// <c>a &lt;= b</c> for the minimum).
/// </summary>
public static class ExtremumKernel
{
    /// <summary><c>y[i] = max(a[i], b[i])</c>, or <c>min(a[i], b[i])</c> when <paramref name="maximum"/> is false (NaN propagates).</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y, bool maximum) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(ExtremumKernel), a.Length, b.Length, nameof(b));
        SameLength(nameof(ExtremumKernel), a.Length, y.Length, nameof(y));
        if (maximum) TensorPrimitives.Max(a, b, y);
        else TensorPrimitives.Min(a, b, y);
    }

    /// <summary>
    /// Adds <c>gradY[i]</c> into <c>gradA[i]</c> where a[i] is selected (<c>a[i] &gt;= b[i]</c> for the maximum,
    /// <c>a[i] &lt;= b[i]</c> for the minimum) and into <c>gradB[i]</c> elsewhere. An empty gradient span is skipped.
    /// </summary>
    /// <exception cref="ArgumentException">A non-empty span differs in length from <paramref name="a"/>.</exception>
    [MethodImpl(JitAsRoot)]
    public static void Backward<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> gradY, Span<T> gradA, Span<T> gradB, bool maximum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(ExtremumKernel), a.Length, b.Length, nameof(b));
        SameLength(nameof(ExtremumKernel), a.Length, gradY.Length, nameof(gradY));
        if (!gradA.IsEmpty) SameLength(nameof(ExtremumKernel), a.Length, gradA.Length, nameof(gradA));
        if (!gradB.IsEmpty) SameLength(nameof(ExtremumKernel), a.Length, gradB.Length, nameof(gradB));
        bool toA = !gradA.IsEmpty, toB = !gradB.IsEmpty;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            ref T @as = ref MemoryMarshal.GetReference(a);
            ref T bs = ref MemoryMarshal.GetReference(b);
            ref T gys = ref MemoryMarshal.GetReference(gradY);
            ref T gas = ref MemoryMarshal.GetReference(gradA);
            ref T gbs = ref MemoryMarshal.GetReference(gradB);
            for (; i <= a.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                Vector<T> av = Vector.LoadUnsafe(ref @as, (nuint)i), bv = Vector.LoadUnsafe(ref bs, (nuint)i), g = Vector.LoadUnsafe(ref gys, (nuint)i);
                var selectsA = maximum ? Vector.GreaterThanOrEqual(av, bv) : Vector.LessThanOrEqual(av, bv);
                if (toA) (Vector.LoadUnsafe(ref gas, (nuint)i) + Vector.ConditionalSelect(selectsA, g, Vector<T>.Zero)).StoreUnsafe(ref gas, (nuint)i);
                if (toB) (Vector.LoadUnsafe(ref gbs, (nuint)i) + Vector.ConditionalSelect(selectsA, Vector<T>.Zero, g)).StoreUnsafe(ref gbs, (nuint)i);
            }
        }
        for (; i < a.Length; i++)
        {
            bool selectsA = maximum ? a[i] >= b[i] : a[i] <= b[i];
            if (selectsA) { if (toA) gradA[i] += gradY[i]; }
            else if (toB) gradB[i] += gradY[i];
        }
    }
}
