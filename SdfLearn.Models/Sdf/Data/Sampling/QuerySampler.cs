using SdfLearn.Core;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// Draws query points and their signed distances from a field (see <see cref="QuerySampling"/>). Points are written
/// as (row, column) coordinate pairs in the frame of <see cref="SdfGrid"/>. One instance keeps scratch buffers, so
/// repeated calls do not allocate; use one per thread. Results depend only on the field and the random stream.
/// </summary>
public sealed class QuerySampler
{
    private readonly QueryPointOptions _options;
    private float[] _surface = [];

    /// <summary>Creates a sampler.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public QuerySampler(QueryPointOptions? options = null)
    {
        _options = options ?? new QueryPointOptions();
        _options.Validate();
    }

    /// <summary>The options in use.</summary>
    public QueryPointOptions Options => _options;

    /// <summary>
    /// Fills <paramref name="points"/> (2 per point) and <paramref name="values"/> (1 per point) for one S x S field;
    /// the point count is <see cref="QueryPointOptions.PointCount"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Sample(ReadOnlySpan<float> field, int resolution, SeededRandom random, Span<float> points, Span<float> values)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (field.Length != resolution * resolution)
            throw new ArgumentException($"Field has {field.Length} values; resolution {resolution} needs {resolution * resolution}.", nameof(field));
        int count = _options.PointCount(resolution);
        if (values.Length != count || points.Length != 2 * count)
            throw new ArgumentException($"Need {count} values and {2 * count} point coordinates; got {values.Length} and {points.Length}.", nameof(points));
        switch (_options.Sampling)
        {
            case QuerySampling.Grid:
                Grid(field, resolution, points, values);
                break;
            case QuerySampling.Uniform:
                for (int k = 0; k < count; k++) Uniform(field, resolution, random, points, values, k);
                break;
            default:
                NearSurface(field, resolution, random, points, values);
                break;
        }
    }

    private static void Grid(ReadOnlySpan<float> field, int s, Span<float> points, Span<float> values)
    {
        for (int i = 0; i < s; i++)
        {
            for (int j = 0; j < s; j++)
            {
                int k = i * s + j;
                points[2 * k] = SdfGrid.Coordinate(i, s);
                points[2 * k + 1] = SdfGrid.Coordinate(j, s);
            }
        }
        field.CopyTo(values);
    }

    private static void Uniform(ReadOnlySpan<float> field, int s, SeededRandom random, Span<float> points, Span<float> values, int k)
    {
        float width = SdfGrid.MaxCoordinate(s) + 0.5f;
        float row = (float)(random.NextDouble() * width) - 0.5f;
        float column = (float)(random.NextDouble() * width) - 0.5f;
        Store(field, s, points, values, k, row, column);
    }

    private void NearSurface(ReadOnlySpan<float> field, int s, SeededRandom random, Span<float> points, Span<float> values)
    {
        int surfaceCount = FindZeroCrossings(field, s);
        float low = -0.5f, high = SdfGrid.MaxCoordinate(s);
        for (int k = 0; k < values.Length; k++)
        {
            if (surfaceCount == 0 || random.NextDouble() < _options.UniformFraction)
            {
                Uniform(field, s, random, points, values, k);
                continue;
            }
            int pick = random.NextInt(surfaceCount);
            float sigma = (k & 1) == 0 ? _options.WideSigma : _options.NarrowSigma;
            float row = Math.Clamp(_surface[2 * pick] + sigma * (float)random.NextNormal(), low, high);
            float column = Math.Clamp(_surface[2 * pick + 1] + sigma * (float)random.NextNormal(), low, high);
            Store(field, s, points, values, k, row, column);
        }
    }

    /// <summary>Where the field changes sign along a grid edge (linear interpolation); returns how many points were found.</summary>
    private int FindZeroCrossings(ReadOnlySpan<float> field, int s)
    {
        int capacity = 2 * 2 * s * (s - 1);
        if (_surface.Length < capacity) _surface = new float[capacity];
        int count = 0;
        for (int i = 0; i < s; i++)
        {
            for (int j = 0; j < s; j++)
            {
                float here = field[i * s + j];
                if (j + 1 < s) Crossing(here, field[i * s + j + 1], i, j, 0, 1, s, ref count);
                if (i + 1 < s) Crossing(here, field[(i + 1) * s + j], i, j, 1, 0, s, ref count);
            }
        }
        return count;
    }

    private void Crossing(float a, float b, int i, int j, int di, int dj, int s, ref int count)
    {
        if ((a < 0f) == (b < 0f)) return;
        float t = a / (a - b);
        _surface[2 * count] = SdfGrid.Coordinate(i, s) + t * di / s;
        _surface[2 * count + 1] = SdfGrid.Coordinate(j, s) + t * dj / s;
        count++;
    }

    private static void Store(ReadOnlySpan<float> field, int s, Span<float> points, Span<float> values, int k, float row, float column)
    {
        points[2 * k] = row;
        points[2 * k + 1] = column;
        values[k] = SdfGrid.Sample(field, s, row, column);
    }
}
