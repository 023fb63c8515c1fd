using SdfLearn.Core;
using SdfLearn.Sdf.Data;
using SkiaSharp;

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
    private const float Gap = 6f;
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

    /// <summary>Draws the montage.</summary>
    /// <exception cref="InvalidOperationException">No row was added.</exception>
    public SKImage Render()
    {
        if (_rows.Count == 0) throw new InvalidOperationException("The montage has no rows; add some with AddRow.");
        using var labelFont = MontageText.Font(CellSize * 0.13f + 6f);
        using var captionFont = MontageText.Font(CellSize * 0.09f + 5f);
        using var titleFont = MontageText.Font(CellSize * 0.15f + 8f);
        float labelWidth = _rows.Max(r => labelFont.MeasureText(r.Label)) + 3 * Gap;
        bool anyCaption = _rows.Any(r => r.Cells.Any(c => c.Caption is not null));
        float captionHeight = anyCaption ? captionFont.Spacing + Gap : 0;
        float titleHeight = Title is null ? 0 : titleFont.Spacing + 2 * Gap;
        int maxColumns = Math.Max(1, _rows.Max(r => r.Cells.Count));
        float rowHeight = CellSize + captionHeight + Gap;

        int width = (int)MathF.Ceiling(labelWidth + maxColumns * (CellSize + Gap) + Gap);
        int height = (int)MathF.Ceiling(titleHeight + _rows.Count * rowHeight + Gap);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var ink = new SKPaint { Color = new SKColor(30, 30, 30), IsAntialias = true };
        using var frame = new SKPaint { Color = new SKColor(160, 160, 160), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        if (Title is not null)
            canvas.DrawText(Title, Gap, Gap + titleFont.Size, titleFont, ink);

        for (int r = 0; r < _rows.Count; r++)
        {
            float top = titleHeight + Gap + r * rowHeight;
            var (label, cells) = _rows[r];
            canvas.DrawText(label, Gap, top + CellSize / 2f + labelFont.Size / 3f, labelFont, ink);
            for (int c = 0; c < cells.Count; c++)
            {
                float left = labelWidth + c * (CellSize + Gap);
                cells[c].Draw(canvas, left, top, CellSize, Colors);
                canvas.DrawRect(SKRect.Create(left - 0.5f, top - 0.5f, CellSize + 1, CellSize + 1), frame);
                if (cells[c].Caption is { } caption)
                {
                    float textWidth = captionFont.MeasureText(caption);
                    canvas.DrawText(caption, left + (CellSize - textWidth) / 2f, top + CellSize + captionFont.Spacing, captionFont, ink);
                }
            }
        }
        return surface.Snapshot();
    }

    /// <summary>Draws the montage and saves it as a PNG (creating the folder).</summary>
    public void SavePng(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var image = Render();
        PngFile.Save(image, path);
    }
}
