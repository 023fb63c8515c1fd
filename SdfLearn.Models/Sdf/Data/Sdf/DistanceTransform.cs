using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// Exact Euclidean distance transform of a binary image in linear time (Felzenszwalb and Huttenlocher,
/// "Distance Transforms of Sampled Functions", 2012): for every pixel, the squared distance between pixel
/// centres to the nearest feature pixel. A first pass finds, in each column, the vertical distance to the nearest
/// feature (two sweeps over whole rows, so memory is read in order); a second pass along each row takes the lower
/// envelope of the parabolas (vertical distance)^2 + (j - p)^2, in place. All arithmetic is on integers, so the
/// result is exact.
/// </summary>
public sealed class DistanceTransform
{
    /// <summary>The squared distance reported when the image has no feature pixel at all.</summary>
    public const int NoFeature = int.MaxValue;

    /// <summary>Largest side accepted, so that squared distances (up to 2 x side^2) fit in an int.</summary>
    public const int MaxSide = 16_384;

    // Larger than any real vertical distance, small enough that adding 1 per row never overflows.
    private const int Unreached = 1 << 28;

    private int[] _parabolaRoots = [];
    private long[] _numerators = [];
    private long[] _denominators = [];
    private int[] _rootValues = [];

    /// <summary>
    /// Writes to <paramref name="squaredDistances"/> the squared Euclidean distance from each pixel to the nearest
    /// pixel whose <paramref name="image"/> value equals <paramref name="feature"/>; 0 on feature pixels,
    /// <see cref="NoFeature"/> everywhere if there is none. Reuses this instance's scratch buffers (not thread-safe).
    /// </summary>
    /// <exception cref="ArgumentException">A span's length is not <paramref name="rows"/> x <paramref name="columns"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A side is not in [1, <see cref="MaxSide"/>].</exception>
    public void Compute(ReadOnlySpan<bool> image, bool feature, int rows, int columns, Span<int> squaredDistances)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, MaxSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, MaxSide);
        if (image.Length != rows * columns)
            throw new ArgumentException($"Image has {image.Length} pixels, not {rows}x{columns}.", nameof(image));
        if (squaredDistances.Length != rows * columns)
            throw new ArgumentException($"Output has {squaredDistances.Length} elements, not {rows}x{columns}.", nameof(squaredDistances));
        EnsureScratch(columns);

        if (!VerticalPass(image, feature, rows, columns, squaredDistances))
        {
            squaredDistances.Fill(NoFeature);
            return;
        }
        for (int r = 0; r < rows; r++)
        {
            var row = squaredDistances.Slice(r * columns, columns);
            if (row.ContainsAnyExcept(0)) // a row of features is already final (common: rows away from a thin shape)
                LowerEnvelope(row, _parabolaRoots, _numerators, _denominators, _rootValues);
        }
    }

    /// <summary>
    /// Squared vertical distance to the nearest feature in the same column (<see cref="NoFeature"/> if the column
    /// has none), via a downward and an upward sweep over whole rows; false if the image has no feature at all.
    /// </summary>
    private static bool VerticalPass(ReadOnlySpan<bool> image, bool feature, int rows, int columns, Span<int> distances)
    {
        var previous = distances[..columns];
        var first = image[..columns];
        bool any = false;
        for (int c = 0; c < columns; c++)
        {
            bool hit = first[c] == feature;
            previous[c] = hit ? 0 : Unreached;
            any |= hit;
        }
        for (int r = 1; r < rows; r++)
        {
            var pixels = image.Slice(r * columns, columns);
            var current = distances.Slice(r * columns, columns);
            for (int c = 0; c < current.Length; c++)
            {
                bool hit = pixels[c] == feature;
                current[c] = hit ? 0 : previous[c] + 1;
                any |= hit;
            }
            previous = current;
        }
        if (!any) return false;
        for (int r = rows - 2; r >= 0; r--)
        {
            var current = distances.Slice(r * columns, columns);
            var below = distances.Slice((r + 1) * columns, columns);
            for (int c = 0; c < current.Length; c++)
            {
                int fromBelow = below[c] + 1;
                if (fromBelow < current[c]) current[c] = fromBelow;
            }
            Square(below); // no longer needed as a plain distance
        }
        Square(distances[..columns]);
        return true;
    }

    private static void Square(Span<int> distances)
    {
        for (int c = 0; c < distances.Length; c++)
        {
            int d = distances[c];
            distances[c] = d >= Unreached / 2 ? NoFeature : d * d;
        }
    }

    /// <summary>
    /// In place: f[q] becomes min over p of f[p] + (q - p)^2, skipping p with f[p] = <see cref="NoFeature"/>
    /// (a column without any finite value stays <see cref="NoFeature"/>). The envelope's breakpoints are kept as
    /// exact fractions and compared by cross-multiplication: no division, no rounding.
    /// </summary>
    private static void LowerEnvelope(Span<int> f, int[] rootArray, long[] numeratorArray, long[] denominatorArray, int[] rootValueArray)
    {
        // Scratch arrays are at least f.Length long (EnsureScratch), and k < f.Length: index them unchecked in this hot loop.
        ref int roots = ref MemoryMarshal.GetArrayDataReference(rootArray);
        ref long numerators = ref MemoryMarshal.GetArrayDataReference(numeratorArray);
        ref long denominators = ref MemoryMarshal.GetArrayDataReference(denominatorArray);
        ref int rootValues = ref MemoryMarshal.GetArrayDataReference(rootValueArray);
        int n = f.Length;
        int k = -1;
        for (int q = 0; q < n; q++)
        {
            int fq = f[q];
            if (fq == NoFeature) continue;
            long height = fq + (long)q * q;
            long numerator = 0, denominator = 1;
            while (k >= 0)
            {
                int v = Unsafe.Add(ref roots, k);
                // Breakpoint between the parabolas of v and q: ((f[q] + q^2) - (f[v] + v^2)) / (2 (q - v)).
                numerator = height - (Unsafe.Add(ref rootValues, k) + (long)v * v);
                denominator = 2L * (q - v);
                if (k == 0 || numerator * Unsafe.Add(ref denominators, k) > Unsafe.Add(ref numerators, k) * denominator) break;
                k--;
            }
            k++;
            Unsafe.Add(ref roots, k) = q;
            Unsafe.Add(ref rootValues, k) = fq;
            Unsafe.Add(ref numerators, k) = numerator;
            Unsafe.Add(ref denominators, k) = denominator;
        }
        if (k < 0) return;

        int j = 0;
        for (int q = 0; q < n; q++)
        {
            while (j < k && Unsafe.Add(ref numerators, j + 1) < q * Unsafe.Add(ref denominators, j + 1)) j++;
            int dq = q - Unsafe.Add(ref roots, j);
            f[q] = dq * dq + Unsafe.Add(ref rootValues, j);
        }
    }

    private void EnsureScratch(int columns)
    {
        if (_parabolaRoots.Length >= columns) return;
        _parabolaRoots = new int[columns];
        _numerators = new long[columns];
        _denominators = new long[columns];
        _rootValues = new int[columns];
    }
}
