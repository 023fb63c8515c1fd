namespace SdfLearn.Sdf.Data;

/// <summary>
/// Turns one grey image into a signed distance field on an S x S grid (see <see cref="SdfOptions"/>): bilinear
/// resize, threshold, two exact distance transforms, sign, normalisation. Negative inside, positive outside; the
/// value at pixel (i, j) belongs to the point ((i / S) - 0.5, (j / S) - 0.5) (row, column).
/// <para>
/// Degenerate images: when no pixel is inside (or none is outside) the missing set is taken to be the ring of
/// pixels just beyond the border, so the distance to it is min(i + 1, S - i, j + 1, S - j). An empty image thus
/// gets a finite, positive field that grows towards the centre, a full image the negative mirror of it.
/// </para>
/// One instance holds scratch buffers: reuse it for many images, one instance per thread.
/// </summary>
public sealed class SdfTransform
{
    private readonly SdfOptions _options;
    private readonly DistanceTransform _distances = new();
    private BilinearResize? _resize;
    private float[] _intensity = [];
    private bool[] _inside = [];
    private int[] _toInside = [];
    private int[] _toOutside = [];

    /// <summary>Creates a transform with the given options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public SdfTransform(SdfOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The options in use.</summary>
    public SdfOptions Options => _options;

    /// <summary>Computes the field of a <paramref name="rows"/> x <paramref name="columns"/> 8-bit image into <paramref name="sdf"/> (S x S).</summary>
    /// <exception cref="ArgumentException">A span's length does not match the sizes.</exception>
    public void Transform(ReadOnlySpan<byte> image, int rows, int columns, Span<float> sdf)
    {
        int s = _options.Resolution;
        if (_resize is null || _resize.InputRows != rows || _resize.InputColumns != columns)
            _resize = new BilinearResize(rows, columns, s, s);
        EnsureScratch(s * s);
        var intensity = _intensity.AsSpan(0, s * s);
        _resize.Resize(image, intensity);
        var inside = _inside.AsSpan(0, s * s);
        float threshold = _options.Threshold;
        for (int i = 0; i < inside.Length; i++) inside[i] = intensity[i] >= threshold;
        FromMask(inside, sdf);
    }

    /// <summary>Computes the field of an S x S inside/outside mask (true = inside) into <paramref name="sdf"/>.</summary>
    /// <exception cref="ArgumentException">A span's length is not S x S.</exception>
    public void FromMask(ReadOnlySpan<bool> inside, Span<float> sdf)
    {
        int s = _options.Resolution;
        if (inside.Length != s * s)
            throw new ArgumentException($"Mask has {inside.Length} pixels; resolution {s} needs {s * s}.", nameof(inside));
        if (sdf.Length != s * s)
            throw new ArgumentException($"Output has {sdf.Length} elements; resolution {s} needs {s * s}.", nameof(sdf));
        EnsureScratch(s * s);
        var toInside = _toInside.AsSpan(0, s * s);
        var toOutside = _toOutside.AsSpan(0, s * s);
        _distances.Compute(inside, feature: true, s, s, toInside);
        _distances.Compute(inside, feature: false, s, s, toOutside);

        double factor = (double)_options.Scale / s;
        float limit = _options.Truncation ?? float.PositiveInfinity;
        if (toInside[0] == DistanceTransform.NoFeature || toOutside[0] == DistanceTransform.NoFeature)
        {
            float sign = toInside[0] == DistanceTransform.NoFeature ? 1f : -1f;
            for (int i = 0; i < s; i++)
                for (int j = 0; j < s; j++)
                    sdf[i * s + j] = Math.Clamp((float)(sign * DistanceBeyondBorder(i, j, s) * factor), -limit, limit);
            return;
        }
        // One of the two distances is zero at every pixel (0 to its own side), so their sum is the other one.
        // Computed in double and rounded once to float, like scipy's float64 result cast to float32.
        for (int p = 0; p < sdf.Length; p++)
            sdf[p] = (float)(Math.Sqrt(toInside[p] + toOutside[p]) * (inside[p] ? -factor : factor));
        if (_options.Truncation is not null)
        {
            for (int p = 0; p < sdf.Length; p++) sdf[p] = Math.Clamp(sdf[p], -limit, limit);
        }
    }

    private static float DistanceBeyondBorder(int i, int j, int s) => Math.Min(Math.Min(i + 1, s - i), Math.Min(j + 1, s - j));

    private void EnsureScratch(int length)
    {
        if (_intensity.Length >= length) return;
        _intensity = new float[length];
        _inside = new bool[length];
        _toInside = new int[length];
        _toOutside = new int[length];
    }
}
