namespace SdfLearn.Sdf.Visualization;

/// <summary>One picture in a <see cref="SdfMontage"/>: a signed distance field or a grey image, with an optional caption.</summary>
public abstract class MontageCell
{
    private protected MontageCell(string? caption) => Caption = caption;

    /// <summary>Text under the picture, or null.</summary>
    public string? Caption { get; }

    /// <summary>A signed distance field (S x S values, copied), drawn with a colour map and its zero contour.</summary>
    /// <exception cref="ArgumentException">The values are not resolution x resolution.</exception>
    public static MontageCell Field(ReadOnlySpan<float> values, int resolution, string? caption = null) => new FieldCell(values, resolution, caption);

    /// <summary>A grey image (intensities 0 = black .. 1 = white, copied); ink is usually drawn dark, so pass 1 - x for digits.</summary>
    /// <exception cref="ArgumentException">The values are not rows x columns.</exception>
    public static MontageCell Grey(ReadOnlySpan<float> intensities, int rows, int columns, string? caption = null) =>
        new GreyCell(intensities, rows, columns, caption);

    internal abstract void Draw(RgbImage image, int left, int top, int size, DivergingColorMap colors);

    private sealed class FieldCell : MontageCell
    {
        private readonly float[] _values;
        private readonly int _resolution;

        public FieldCell(ReadOnlySpan<float> values, int resolution, string? caption) : base(caption)
        {
            if (values.Length != resolution * resolution)
                throw new ArgumentException($"Field has {values.Length} values; resolution {resolution} needs {resolution * resolution}.", nameof(values));
            _values = values.ToArray();
            _resolution = resolution;
        }

        internal override void Draw(RgbImage image, int left, int top, int size, DivergingColorMap colors) =>
            SdfPicture.Draw(image, _values, _resolution, left, top, size, colors);
    }

    private sealed class GreyCell : MontageCell
    {
        private readonly float[] _values;
        private readonly int _rows, _columns;

        public GreyCell(ReadOnlySpan<float> values, int rows, int columns, string? caption) : base(caption)
        {
            if (values.Length != rows * columns)
                throw new ArgumentException($"Image has {values.Length} values, not {rows}x{columns}.", nameof(values));
            _values = values.ToArray();
            (_rows, _columns) = (rows, columns);
        }

        internal override void Draw(RgbImage image, int left, int top, int size, DivergingColorMap colors)
        {
            var grey = new Rgb[_values.Length];
            for (int p = 0; p < grey.Length; p++)
            {
                byte level = (byte)Math.Clamp(MathF.Round(_values[p] * 255f), 0f, 255f);
                grey[p] = new Rgb(level, level, level);
            }
            image.DrawBlocks(grey, _rows, _columns, left, top, size);
        }
    }
}
