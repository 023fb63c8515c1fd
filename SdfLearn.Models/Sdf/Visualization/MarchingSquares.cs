namespace SdfLearn.Sdf.Visualization;

/// <summary>
/// Traces the level set of a field sampled on a grid (marching squares): each cell of four neighbouring samples
/// contributes up to two segments whose ends lie on the cell's edges, placed by linear interpolation; segments
/// sharing an edge crossing are joined into polylines. Ambiguous (saddle) cells are resolved by the cell's mean,
/// so inside regions that touch diagonally join when the centre is inside.
/// </summary>
public static class MarchingSquares
{
    // Cell corners: 0 = (i, j), 1 = (i, j+1), 2 = (i+1, j+1), 3 = (i+1, j). Edges: 0 top, 1 right, 2 bottom, 3 left.
    // Segments per case (bit k set = corner k inside); saddles 5 and 10 are listed for a centre outside.
    private static readonly int[][] Segments =
    [
        [], [3, 0], [0, 1], [3, 1], [1, 2], [3, 0, 1, 2], [0, 2], [3, 2],
        [3, 2], [0, 2], [0, 1, 3, 2], [1, 2], [3, 1], [0, 1], [3, 0], [],
    ];

    /// <summary>
    /// The curves where <paramref name="field"/> (<paramref name="rows"/> x <paramref name="columns"/>, row-major)
    /// crosses <paramref name="level"/>; a sample is inside when it is below the level.
    /// </summary>
    /// <exception cref="ArgumentException">The field's length is not rows x columns.</exception>
    public static IReadOnlyList<ContourLine> Trace(ReadOnlySpan<float> field, int rows, int columns, float level = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (field.Length != rows * columns)
            throw new ArgumentException($"Field has {field.Length} values, not {rows}x{columns}.", nameof(field));

        var ends = new List<(int A, int B)>();
        for (int i = 0; i + 1 < rows; i++)
        {
            for (int j = 0; j + 1 < columns; j++)
            {
                float v0 = field[i * columns + j], v1 = field[i * columns + j + 1];
                float v2 = field[(i + 1) * columns + j + 1], v3 = field[(i + 1) * columns + j];
                int index = (v0 < level ? 1 : 0) | (v1 < level ? 2 : 0) | (v2 < level ? 4 : 0) | (v3 < level ? 8 : 0);
                var table = Segments[index];
                bool saddleJoined = index is 5 or 10 && (v0 + v1 + v2 + v3) / 4 < level;
                for (int s = 0; s < table.Length; s += 2)
                {
                    int a = table[s], b = table[s + 1];
                    if (saddleJoined) (a, b) = Rejoin(index, s);
                    ends.Add((EdgeId(i, j, a, columns), EdgeId(i, j, b, columns)));
                }
            }
        }
        return Link(ends, field, columns, level);
    }

    /// <summary>The other pairing of a saddle's edges, used when the cell's centre is inside (the inside corners connect).</summary>
    private static (int, int) Rejoin(int index, int segment) => (index, segment) switch
    {
        (5, 0) => (0, 1),
        (5, _) => (3, 2),
        (10, 0) => (3, 0),
        _ => (1, 2),
    };

    /// <summary>A unique id per grid edge: 2 x (row-major start sample) + 0 for horizontal, 1 for vertical.</summary>
    private static int EdgeId(int i, int j, int edge, int columns) => edge switch
    {
        0 => 2 * (i * columns + j),
        1 => 2 * (i * columns + j + 1) + 1,
        2 => 2 * ((i + 1) * columns + j),
        _ => 2 * (i * columns + j) + 1,
    };

    private static (float Row, float Column) Crossing(int edgeId, ReadOnlySpan<float> field, int columns, float level)
    {
        int start = edgeId >> 1;
        int end = (edgeId & 1) == 0 ? start + 1 : start + columns;
        float a = field[start], b = field[end];
        float t = a == b ? 0.5f : (level - a) / (b - a);
        int i = start / columns, j = start % columns;
        return (edgeId & 1) == 0 ? (i, j + t) : (i + t, j);
    }

    private static List<ContourLine> Link(List<(int A, int B)> segments, ReadOnlySpan<float> field, int columns, float level)
    {
        var byEdge = new Dictionary<int, List<int>>();
        for (int s = 0; s < segments.Count; s++)
        {
            foreach (int edge in (ReadOnlySpan<int>)[segments[s].A, segments[s].B])
            {
                if (!byEdge.TryGetValue(edge, out var list)) byEdge[edge] = list = new List<int>(2);
                list.Add(s);
            }
        }
        var used = new bool[segments.Count];
        var lines = new List<ContourLine>();
        // Open lines first, starting from an edge crossing with a single segment (on the grid's border).
        foreach (bool openPass in new[] { true, false })
        {
            for (int s = 0; s < segments.Count; s++)
            {
                if (used[s]) continue;
                int start;
                if (openPass)
                {
                    if (byEdge[segments[s].A].Count == 1) start = segments[s].A;
                    else if (byEdge[segments[s].B].Count == 1) start = segments[s].B;
                    else continue;
                }
                else start = segments[s].A;

                var edges = new List<int> { start };
                int current = s, at = start;
                while (current >= 0)
                {
                    used[current] = true;
                    at = segments[current].A == at ? segments[current].B : segments[current].A;
                    edges.Add(at);
                    current = Unused(byEdge[at], used);
                }
                bool closed = !openPass && edges.Count > 2 && edges[^1] == edges[0];
                if (closed) edges.RemoveAt(edges.Count - 1);
                var points = new (float, float)[edges.Count];
                for (int k = 0; k < points.Length; k++) points[k] = Crossing(edges[k], field, columns, level);
                lines.Add(new ContourLine(points, closed));
            }
        }
        return lines;
    }

    private static int Unused(List<int> candidates, bool[] used)
    {
        foreach (int c in candidates)
            if (!used[c]) return c;
        return -1;
    }
}
