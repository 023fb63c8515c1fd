using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Sdf.Geometry;

/// <summary>Lays equally sized pictures out in rows (a grid of shapes, an interpolation strip).</summary>
public static class PictureGrid
{
    /// <summary>Places <paramref name="tiles"/> row by row, <paramref name="columns"/> a row, <paramref name="gap"/> pixels apart, on <paramref name="background"/> (white by default).</summary>
    /// <exception cref="ArgumentException">There is no tile, or the tiles differ in size.</exception>
    public static RgbImage Compose(IReadOnlyList<RgbImage> tiles, int columns, int gap = 4, Rgb? background = null)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(gap);
        if (tiles.Count == 0) throw new ArgumentException("No picture to lay out.", nameof(tiles));
        int w = tiles[0].Width, h = tiles[0].Height;
        if (tiles.Any(t => t.Width != w || t.Height != h)) throw new ArgumentException("The pictures must all have the same size.", nameof(tiles));
        columns = Math.Min(columns, tiles.Count);
        int rows = (tiles.Count + columns - 1) / columns;
        var grid = new RgbImage(columns * w + (columns + 1) * gap, rows * h + (rows + 1) * gap, background);
        for (int n = 0; n < tiles.Count; n++)
        {
            int left = gap + n % columns * (w + gap), top = gap + n / columns * (h + gap);
            for (int y = 0; y < h; y++)
                Array.Copy(tiles[n].Pixels, y * w * 3, grid.Pixels, ((top + y) * grid.Width + left) * 3, w * 3);
        }
        return grid;
    }
}
