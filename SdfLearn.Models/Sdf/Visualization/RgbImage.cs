using SdfLearn.Core.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace SdfLearn.Sdf.Visualization;

/// <summary>
/// An 8-bit RGB picture held in managed memory (row-major, 3 bytes a pixel, top row first): what the library draws
/// into, and saves as PNG with a managed encoder, so pictures need no native library.
/// </summary>
public sealed class RgbImage
{
    /// <summary>A picture of <paramref name="width"/> x <paramref name="height"/> pixels, all of colour <paramref name="background"/> (white when omitted).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the picture would exceed 2^28 pixels.</exception>
    public RgbImage(int width, int height, Rgb? background = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((long)width * height > 1 << 28)
            throw new ArgumentOutOfRangeException(nameof(width), $"A {width}x{height} picture is larger than the 2^28 pixels an RgbImage holds.");
        (Width, Height) = (width, height);
        Pixels = new byte[width * height * 3];
        Fill(background ?? Rgb.White);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixels: row-major, top row first, 3 bytes (R, G, B) a pixel.</summary>
    public byte[] Pixels { get; }

    /// <summary>The colour at (<paramref name="x"/>, <paramref name="y"/>), x to the right and y down from the top-left corner.</summary>
    public Rgb this[int x, int y]
    {
        get
        {
            int i = Offset(x, y);
            return new Rgb(Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
        set
        {
            int i = Offset(x, y);
            (Pixels[i], Pixels[i + 1], Pixels[i + 2]) = (value.R, value.G, value.B);
        }
    }

    /// <summary>Paints every pixel <paramref name="color"/>.</summary>
    public void Fill(Rgb color)
    {
        for (int i = 0; i < Pixels.Length; i += 3) (Pixels[i], Pixels[i + 1], Pixels[i + 2]) = (color.R, color.G, color.B);
    }

    /// <summary>
    /// Paints the rectangle <paramref name="width"/> x <paramref name="height"/> whose top-left pixel is
    /// (<paramref name="x"/>, <paramref name="y"/>); the part outside the picture is ignored.
    /// </summary>
    public void FillRectangle(int x, int y, int width, int height, Rgb color)
    {
        int x0 = Math.Max(x, 0), x1 = (int)Math.Min((long)x + width, Width);
        int y0 = Math.Max(y, 0), y1 = (int)Math.Min((long)y + height, Height);
        for (int row = y0; row < y1; row++)
        {
            for (int i = (row * Width + x0) * 3, end = (row * Width + x1) * 3; i < end; i += 3)
                (Pixels[i], Pixels[i + 1], Pixels[i + 2]) = (color.R, color.G, color.B);
        }
    }

    /// <summary>
    /// Draws a small <paramref name="rows"/> x <paramref name="columns"/> picture (row-major <paramref name="colors"/>)
    /// magnified without smoothing, each of its pixels a block, so that its longer side spans <paramref name="size"/>
    /// pixels from the top-left corner (<paramref name="left"/>, <paramref name="top"/>).
    /// </summary>
    /// <exception cref="ArgumentException">There are not rows x columns colours.</exception>
    public void DrawBlocks(ReadOnlySpan<Rgb> colors, int rows, int columns, int left, int top, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (colors.Length != rows * columns)
            throw new ArgumentException($"{colors.Length} colours given for a {rows}x{columns} picture.", nameof(colors));
        int longer = Math.Max(rows, columns);
        for (int i = 0; i < rows; i++)
        {
            int y0 = (int)((long)i * size / longer), y1 = (int)((long)(i + 1) * size / longer);
            for (int j = 0; j < columns; j++)
            {
                int x0 = (int)((long)j * size / longer), x1 = (int)((long)(j + 1) * size / longer);
                FillRectangle(left + x0, top + y0, x1 - x0, y1 - y0, colors[i * columns + j]);
            }
        }
    }

    /// <summary>
    /// Mixes <paramref name="color"/> into the pixel at (<paramref name="x"/>, <paramref name="y"/>) with weight
    /// <paramref name="coverage"/> in [0, 1] (for anti-aliased lines); pixels outside the picture are ignored.
    /// </summary>
    public void Blend(int x, int y, Rgb color, float coverage)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height || !(coverage > 0)) return;
        float a = MathF.Min(coverage, 1f);
        int i = (y * Width + x) * 3;
        Pixels[i] = Mix(Pixels[i], color.R, a);
        Pixels[i + 1] = Mix(Pixels[i + 1], color.G, a);
        Pixels[i + 2] = Mix(Pixels[i + 2], color.B, a);
    }

    /// <summary>Writes the picture as a PNG file, creating its folder; the file appears whole or not at all.</summary>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void SavePng(string path)
    {
        AtomicFile.Write(path, stream =>
        {
            using var image = Image.LoadPixelData<Rgb24>(Pixels, Width, Height);
            image.Save(stream, new PngEncoder { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 });
        });
    }

    private int Offset(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"Pixel ({x}, {y}) is outside the {Width}x{Height} picture.");
        return (y * Width + x) * 3;
    }

    private static byte Mix(byte under, byte over, float a) => (byte)MathF.Round(under + (over - under) * a);
}
