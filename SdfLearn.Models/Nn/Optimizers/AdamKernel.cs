using System.Numerics;
using System.Runtime.InteropServices;

namespace SdfLearn.Nn.Optimizers;

/// <summary>
/// One Adam / AdamW update in a single pass over the parameter, its gradient and both moments (SIMD with a scalar
/// tail). Composing it from TensorPrimitives calls streams the buffers eight times; fused it measured 1.7 to 5 times
/// faster over the reference VAE's 600k parameters (side by side, on a busy 2-core machine).
/// </summary>
internal static class AdamKernel
{
    /// <summary>
    /// Per element: <c>g' = g + l2 · p</c>; <c>p *= decay</c>; <c>m += (1 - beta1)(g' - m)</c>;
    /// <c>v += (1 - beta2)(g'² - v)</c>; <c>p -= stepSize · m / (√v / biasCorrection2Sqrt + eps)</c>.
    /// Adam passes <c>decay = 1</c>, AdamW <c>l2 = 0</c>.
    /// </summary>
    public static void Step<T>(Span<T> parameter, ReadOnlySpan<T> gradient, Span<T> m, Span<T> v,
        T l2, T decay, T oneMinusBeta1, T oneMinusBeta2, T stepSize, T biasCorrection2Sqrt, T epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = parameter.Length;
        if (gradient.Length != length || m.Length != length || v.Length != length)
            throw new ArgumentException($"Adam step: parameter has {length} elements but gradient {gradient.Length}, moments {m.Length} and {v.Length}.");
        int i = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<T>.Count)
        {
            var pv = MemoryMarshal.Cast<T, Vector<T>>(parameter);
            var gv = MemoryMarshal.Cast<T, Vector<T>>(gradient);
            var mv = MemoryMarshal.Cast<T, Vector<T>>(m);
            var vv = MemoryMarshal.Cast<T, Vector<T>>(v);
            Vector<T> l2V = new(l2), decayV = new(decay), b1V = new(oneMinusBeta1), b2V = new(oneMinusBeta2),
                stepV = new(stepSize), correctionV = new(biasCorrection2Sqrt), epsV = new(epsilon);
            for (int k = 0; k < pv.Length; k++)
            {
                var p = pv[k];
                var g = gv[k] + l2V * p;
                var mk = mv[k] + b1V * (g - mv[k]);
                var vk = vv[k] + b2V * (g * g - vv[k]);
                mv[k] = mk;
                vv[k] = vk;
                pv[k] = p * decayV - stepV * mk / (Vector.SquareRoot(vk) / correctionV + epsV);
            }
            i = pv.Length * Vector<T>.Count;
        }
        for (; i < length; i++)
        {
            T p = parameter[i];
            T g = gradient[i] + l2 * p;
            T mk = m[i] + oneMinusBeta1 * (g - m[i]);
            T vk = v[i] + oneMinusBeta2 * (g * g - v[i]);
            m[i] = mk;
            v[i] = vk;
            parameter[i] = p * decay - stepSize * mk / (T.Sqrt(vk) / biasCorrection2Sqrt + epsilon);
        }
    }
}
