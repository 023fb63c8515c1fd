using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The three transforms of Winograd's F(2x2, 3x3) (Lavin and Gray, 2016): a 2x2 output tile of a 3x3 correlation is
/// A^T [(G g G^T) ⊙ (B^T d B)] A over the tile's 4x4 input patch d, so 16 products per channel pair replace 36.
/// Element ξ = 4 i + j of a transformed tile is entry (i, j). The input and output transforms add and subtract
/// only, a vector of channels at a time; the filter transform (halves) runs once per pass on scalars.
/// </summary>
internal static unsafe class WinogradTransforms<T, TVector, TLanes>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : unmanaged
    where TLanes : ISimdLanes<T, TVector>
{
    /// <summary>Elements of a transformed tile.</summary>
    public const int Elements = 16;

    /// <summary>
    /// transformed[ξ * elementStride] = (B^T d B)[ξ] for one vector of channels, where d[r, k] is the vector at
    /// patch + r * rowStride + k * pixelStride.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Input(T* patch, int rowStride, int pixelStride, T* transformed, int elementStride)
    {
        // d B, row by row (B^T's rows: d0 - d2, d1 + d2, d2 - d1, d1 - d3), then B^T on the columns.
        Row(patch, pixelStride, out var a0, out var a1, out var a2, out var a3);
        Row(patch + 2 * rowStride, pixelStride, out var c0, out var c1, out var c2, out var c3);
        StoreColumn(transformed, elementStride, 0, TLanes.Subtract(a0, c0), TLanes.Subtract(a1, c1), TLanes.Subtract(a2, c2), TLanes.Subtract(a3, c3));
        Row(patch + rowStride, pixelStride, out var b0, out var b1, out var b2, out var b3);
        Row(patch + 3 * rowStride, pixelStride, out var e0, out var e1, out var e2, out var e3);
        StoreColumn(transformed, elementStride, 1, TLanes.Add(b0, c0), TLanes.Add(b1, c1), TLanes.Add(b2, c2), TLanes.Add(b3, c3));
        StoreColumn(transformed, elementStride, 2, TLanes.Subtract(c0, b0), TLanes.Subtract(c1, b1), TLanes.Subtract(c2, b2), TLanes.Subtract(c3, b3));
        StoreColumn(transformed, elementStride, 3, TLanes.Subtract(b0, e0), TLanes.Subtract(b1, e1), TLanes.Subtract(b2, e2), TLanes.Subtract(b3, e3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row(T* row, int pixelStride, out TVector t0, out TVector t1, out TVector t2, out TVector t3)
    {
        TVector d0 = TLanes.Load(row), d1 = TLanes.Load(row + pixelStride), d2 = TLanes.Load(row + 2 * pixelStride), d3 = TLanes.Load(row + 3 * pixelStride);
        t0 = TLanes.Subtract(d0, d2);
        t1 = TLanes.Add(d1, d2);
        t2 = TLanes.Subtract(d2, d1);
        t3 = TLanes.Subtract(d1, d3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreColumn(T* transformed, int elementStride, int i, TVector v0, TVector v1, TVector v2, TVector v3)
    {
        T* row = transformed + 4 * i * elementStride;
        TLanes.Store(row, v0);
        TLanes.Store(row + elementStride, v1);
        TLanes.Store(row + 2 * elementStride, v2);
        TLanes.Store(row + 3 * elementStride, v3);
    }

    /// <summary>
    /// The 2x2 tile A^T m A of one vector of channels, m[ξ] at products + ξ * elementStride, stored at output +
    /// dy * rowStride + dx * pixelStride for the rows and columns the image has (<paramref name="rows"/>,
    /// <paramref name="columns"/>: 1 or 2).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Output(T* products, int elementStride, T* output, int rowStride, int pixelStride, int rows, int columns)
    {
        // m A row by row (A^T's rows: m0 + m1 + m2, m1 - m2 - m3), then A^T on the columns.
        OutputRow(products, elementStride, out var s00, out var s01);
        OutputRow(products + 4 * elementStride, elementStride, out var s10, out var s11);
        OutputRow(products + 8 * elementStride, elementStride, out var s20, out var s21);
        OutputRow(products + 12 * elementStride, elementStride, out var s30, out var s31);
        TLanes.Store(output, TLanes.Add(TLanes.Add(s00, s10), s20));
        if (columns > 1) TLanes.Store(output + pixelStride, TLanes.Add(TLanes.Add(s01, s11), s21));
        if (rows < 2) return;
        TLanes.Store(output + rowStride, TLanes.Subtract(TLanes.Subtract(s10, s20), s30));
        if (columns > 1) TLanes.Store(output + rowStride + pixelStride, TLanes.Subtract(TLanes.Subtract(s11, s21), s31));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OutputRow(T* m, int elementStride, out TVector left, out TVector right)
    {
        TVector m0 = TLanes.Load(m), m1 = TLanes.Load(m + elementStride), m2 = TLanes.Load(m + 2 * elementStride), m3 = TLanes.Load(m + 3 * elementStride);
        left = TLanes.Add(TLanes.Add(m0, m1), m2);
        right = TLanes.Subtract(TLanes.Subtract(m1, m2), m3);
    }

    /// <summary>
    /// packed[((ξ * panels + p) * inputs + c) * panelWidth + o % panelWidth] = (G g G^T)[ξ] for output channel
    /// o = p * panelWidth + lane and input channel c, zero for lanes past the last output channel. g is
    /// weight[o, c] ([outputs, inputs, 3, 3]) or, <paramref name="flipped"/>, weight[c, o] rotated by 180 degrees
    /// (weights [inputs, outputs, 3, 3]: the kernel of a stride-1 convolution's input gradient).
    /// </summary>
    public static void Filters(ReadOnlySpan<T> weight, int outputs, int inputs, bool flipped, int panelWidth, Span<T> packed)
    {
        int panels = DirectConvWeights.Panels(outputs, panelWidth), elementStride = panels * inputs * panelWidth;
        packed[..(Elements * elementStride)].Clear();
        Span<T> g = stackalloc T[9];
        Span<T> gg = stackalloc T[12];
        T half = T.One / (T.One + T.One);
        for (int o = 0; o < outputs; o++)
        for (int c = 0; c < inputs; c++)
        {
            for (int k = 0; k < 9; k++)
                g[k] = flipped ? weight[(c * outputs + o) * 9 + 8 - k] : weight[(o * inputs + c) * 9 + k];
            // G g: rows g0, (g0 + g1 + g2) / 2, (g0 - g1 + g2) / 2, g2 of the 3x3 kernel's rows; then the same on columns.
            for (int x = 0; x < 3; x++)
            {
                T g0 = g[x], g1 = g[3 + x], g2 = g[6 + x];
                gg[x] = g0;
                gg[3 + x] = (g0 + g1 + g2) * half;
                gg[6 + x] = (g0 - g1 + g2) * half;
                gg[9 + x] = g2;
            }
            int position = (o / panelWidth * inputs + c) * panelWidth + o % panelWidth;
            for (int i = 0; i < 4; i++)
            {
                T g0 = gg[3 * i], g1 = gg[3 * i + 1], g2 = gg[3 * i + 2];
                packed[(4 * i) * elementStride + position] = g0;
                packed[(4 * i + 1) * elementStride + position] = (g0 + g1 + g2) * half;
                packed[(4 * i + 2) * elementStride + position] = (g0 - g1 + g2) * half;
                packed[(4 * i + 3) * elementStride + position] = g2;
            }
        }
    }
}
