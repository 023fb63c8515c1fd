using SdfLearn.Core;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Sdf.Visualization;

/// <summary>
/// A grid of pictures with a label at the start of each row and optional captions, saved as a PNG: for
/// "input vs reconstruction" (one row each), sample grids and interpolation strips.
/// </summary>
/// <example>
/// <code>
/// var montage = new SdfMontage { Title = "VAE, epoch 10" };
/// montage.AddRow("input", batch.Fields);
/// montage.AddRow("reconstruction", output);
/// montage.SavePng("recon.png");
/// </code>
/// </example>
public sealed class SdfMontage
{
    private const int Gap = 6;
    private static readonly Rgb Ink = new(30, 30, 30), FrameColor = new(160, 160, 160);
    private readonly List<(string Label, List<MontageCell> Cells)> _rows = [];

    /// <summary>Side of each picture in screen pixels (default 128).</summary>
    public int CellSize { get; init; } = 128;

    /// <summary>Text above the grid, or null.</summary>
    public string? Title { get; init; }

    /// <summary>The colour map for fields (default saturating at +-0.5).</summary>
    public DivergingColorMap Colors { get; init; } = new();

    /// <summary>Number of rows added.</summary>
    public int RowCount => _rows.Count;

    /// <summary>Adds a row of pictures labelled <paramref name="label"/>.</summary>
    public SdfMontage AddRow(string label, IEnumerable<MontageCell> cells)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(cells);
        _rows.Add((label, cells.ToList()));
        return this;
    }

    /// <summary>Adds a row with one field per item of a [N, 1, S, S] (or [N, S, S]) tensor, with optional captions.</summary>
    /// <exception cref="ArgumentException">The tensor is not a stack of square fields.</exception>
    public SdfMontage AddRow(string label, Tensor<float> fields, IReadOnlyList<string>? captions = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var dims = fields.Shape.Dims;
        int s = dims.Length > 0 ? dims[^1] : 0;
        if (dims.Length is < 3 or > 4 || dims[^2] != s || (dims.Length == 4 && dims[1] != 1))
            throw new ArgumentException($"Expected fields of shape [N, 1, S, S] or [N, S, S], got {fields.Shape}.", nameof(fields));
        var cells = new List<MontageCell>();
        for (int n = 0; n < dims[0]; n++)
            cells.Add(MontageCell.Field(fields.Span.Slice(n * s * s, s * s), s, captions is null || n >= captions.Count ? null : captions[n]));
        return AddRow(label, cells);
    }

    /// <summary>
    /// The first <paramref name="count"/> fields of <paramref name="data"/> in rows of <paramref name="columns"/>,
    /// each captioned with its digit and rows labelled by their first index.
    /// </summary>
    public static SdfMontage FromDataset(SdfDataset data, int count, int columns = 8, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (count < 1 || count > data.Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Count must be in [1, {data.Count}].");
        var montage = new SdfMontage { Title = title };
        for (int start = 0; start < count; start += columns)
        {
            int end = Math.Min(count, start + columns);
            montage.AddRow($"#{start}-{end - 1}", Enumerable.Range(start, end - start)
                .Select(i => MontageCell.Field(data.Field(i), data.Resolution, $"digit {data.Labels[i]}")));
        }
        return montage;
    }

    /// <summary>Draws the montage: labels and captions at a magnification of the built-in font that grows with <see cref="CellSize"/>.</summary>
    /// <exception cref="InvalidOperationException">No row was added.</exception>
    public RgbImage Render()
    {
        if (_rows.Count == 0) throw new InvalidOperationException("The montage has no rows; add some with AddRow.");
        int textScale = Math.Max(1, (int)MathF.Round(CellSize / 64f)), titleScale = textScale + 1;
        int labelWidth = _rows.Max(r => BitmapFont.Measure(r.Label, textScale)) + 3 * Gap;
        bool anyCaption = _rows.Any(r => r.Cells.Any(c => c.Caption is not null));
        int captionHeight = anyCaption ? BitmapFont.LineHeight(textScale) + Gap : 0;
        int titleHeight = Title is null ? 0 : BitmapFont.LineHeight(titleScale) + 2 * Gap;
        int maxColumns = Math.Max(1, _rows.Max(r => r.Cells.Count));
        int rowHeight = CellSize + captionHeight + Gap;

        int width = Math.Max(labelWidth + maxColumns * (CellSize + Gap) + Gap, Title is null ? 0 : BitmapFont.Measure(Title, titleScale) + 2 * Gap);
        int height = titleHeight + _rows.Count * rowHeight + Gap;
        var image = new RgbImage(width, height);
        if (Title is not null) BitmapFont.Draw(image, Title, Gap, 2 * Gap, titleScale, Ink);

        for (int r = 0; r < _rows.Count; r++)
        {
            int top = titleHeight + Gap + r * rowHeight;
            var (label, cells) = _rows[r];
            BitmapFont.Draw(image, label, Gap, top + (CellSize - BitmapFont.CapHeight * textScale) / 2, textScale, Ink);
            for (int c = 0; c < cells.Count; c++)
            {
                int left = labelWidth + c * (CellSize + Gap);
                cells[c].Draw(image, left, top, CellSize, Colors);
                DrawFrame(image, left - 1, top - 1, CellSize + 2);
                if (cells[c].Caption is { } caption)
                {
                    int scale = textScale;
                    while (scale > 1 && BitmapFont.Measure(caption, scale) > CellSize) scale--;   // long captions shrink to fit
                    BitmapFont.Draw(image, caption, left + (CellSize - BitmapFont.Measure(caption, scale)) / 2, top + CellSize + Gap, scale, Ink);
                }
            }
        }
        return image;
    }

    /// <summary>Draws the montage and saves it as a PNG (creating the folder).</summary>
    public void SavePng(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Render().SavePng(path);
    }

    /// <summary>A one-pixel square outline of side <paramref name="size"/> at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    private static void DrawFrame(RgbImage image, int left, int top, int size)
    {
        image.FillRectangle(left, top, size, 1, FrameColor);
        image.FillRectangle(left, top + size - 1, size, 1, FrameColor);
        image.FillRectangle(left, top, 1, size, FrameColor);
        image.FillRectangle(left + size - 1, top, 1, size, FrameColor);
    }
}
