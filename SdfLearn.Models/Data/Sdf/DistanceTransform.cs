namespace SdfLearn.Models.Data;

/// <summary>
/// Exact Euclidean distance transform of a binary image in linear time (Felzenszwalb and Huttenlocher,
/// "Distance Transforms of Sampled Functions", 2012): for every pixel, the squared distance between pixel
/// centres to the nearest feature pixel. A pass along each row finds the nearest feature in that row; a pass
/// along each column takes the lower envelope of the parabolas (row distance)^2 + (i - q)^2. All arithmetic on
/// squared distances is in integers, so the result is exact.
/// </summary>
public sealed class DistanceTransform
{
    /// <summary>The squared distance reported when the image has no feature pixel at all.</summary>
    public const int NoFeature = int.MaxValue;

    private int[] _rowPass = [];
    private int[] _parabolaRoots = [];
    private double[] _boundaries = [];
    private int[] _column = [];
    private int[] _rootValues = [];

    /// <summary>
    /// Writes to <paramref name="squaredDistances"/> the squared Euclidean distance from each pixel to the nearest
    /// pixel whose <paramref name="image"/> value equals <paramref name="feature"/>; 0 on feature pixels,
    /// <see cref="NoFeature"/> everywhere if there is none. Reuses this instance's scratch buffers (not thread-safe).
    /// </summary>
    /// <exception cref="ArgumentException">A span's length is not <paramref name="rows"/> x <paramref name="columns"/>.</exception>
    public void Compute(ReadOnlySpan<bool> image, bool feature, int rows, int columns, Span<int> squaredDistances)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (image.Length != rows * columns)
            throw new ArgumentException($"Image has {image.Length} pixels, not {rows}x{columns}.", nameof(image));
        if (squaredDistances.Length != rows * columns)
            throw new ArgumentException($"Output has {squaredDistances.Length} elements, not {rows}x{columns}.", nameof(squaredDistances));
        EnsureScratch(rows, columns);

        var rowPass = _rowPass.AsSpan(0, rows * columns);
        bool any = false;
        for (int r = 0; r < rows; r++)
            any |= NearestInRow(image.Slice(r * columns, columns), feature, rowPass.Slice(r * columns, columns));
        if (!any)
        {
            squaredDistances.Fill(NoFeature);
            return;
        }
        var column = _column.AsSpan(0, rows);
        for (int c = 0; c < columns; c++)
        {
            for (int r = 0; r < rows; r++) column[r] = rowPass[r * columns + c];
            LowerEnvelope(column, _parabolaRoots, _boundaries, _rootValues);
            for (int r = 0; r < rows; r++) squaredDistances[r * columns + c] = column[r];
        }
    }

    /// <summary>Squared distance to the nearest feature in one row (<see cref="NoFeature"/> if none); true if the row has one.</summary>
    private static bool NearestInRow(ReadOnlySpan<bool> row, bool feature, Span<int> squared)
    {
        int n = row.Length;
        int last = -1;
        for (int j = 0; j < n; j++)
        {
            if (row[j] == feature) last = j;
            squared[j] = last < 0 ? int.MaxValue : j - last; // plain distance for now
        }
        if (last < 0)
        {
            squared.Fill(NoFeature);
            return false;
        }
        int next = -1;
        for (int j = n - 1; j >= 0; j--)
        {
            if (row[j] == feature) next = j;
            int d = squared[j];
            if (next >= 0 && next - j < d) d = next - j;
            squared[j] = d * d;
        }
        return true;
    }

    /// <summary>
    /// In place: f[q] becomes min over p of f[p] + (q - p)^2, skipping p with f[p] = <see cref="NoFeature"/>
    /// (a column without any finite value stays <see cref="NoFeature"/>).
    /// </summary>
    private static void LowerEnvelope(Span<int> f, int[] roots, double[] boundaries, int[] rootValues)
    {
        int n = f.Length;
        int k = -1;
        for (int q = 0; q < n; q++)
        {
            if (f[q] == NoFeature) continue;
            double s = double.NegativeInfinity;
            while (k >= 0)
            {
                int v = roots[k];
                s = ((f[q] + (double)q * q) - (f[v] + (double)v * v)) / (2.0 * (q - v));
                if (s > boundaries[k]) break;
                k--;
            }
            k++;
            roots[k] = q;
            boundaries[k] = k == 0 ? double.NegativeInfinity : s;
        }
        if (k < 0) return;

        // The envelope's values depend on f at the roots, so read them before overwriting f.
        for (int i = 0; i <= k; i++) rootValues[i] = f[roots[i]];
        int j = 0;
        for (int q = 0; q < n; q++)
        {
            while (j < k && boundaries[j + 1] < q) j++;
            int dq = q - roots[j];
            f[q] = dq * dq + rootValues[j];
        }
    }

    private void EnsureScratch(int rows, int columns)
    {
        if (_rowPass.Length < rows * columns) _rowPass = new int[rows * columns];
        if (_column.Length < rows) _column = new int[rows];
        if (_parabolaRoots.Length < rows)
        {
            _parabolaRoots = new int[rows];
            _boundaries = new double[rows];
            _rootValues = new int[rows];
        }
    }
}
