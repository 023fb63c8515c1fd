namespace SdfLearn.Sdf.Data;

/// <summary>
/// A stack of equally sized 8-bit grey images as stored in an IDX file (e.g. 10,000 MNIST digits of 28x28),
/// row-major, one image after the other.
/// </summary>
public sealed class IdxImages
{
    /// <summary>Wraps <paramref name="pixels"/> (no copy) as <paramref name="count"/> images of <paramref name="rows"/> x <paramref name="columns"/>.</summary>
    /// <exception cref="ArgumentException">The array length is not count x rows x columns, or a dimension is not positive.</exception>
    public IdxImages(byte[] pixels, int count, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (pixels.LongLength != (long)count * rows * columns)
            throw new ArgumentException($"{pixels.Length} pixels cannot hold {count} images of {rows}x{columns}.", nameof(pixels));
        Pixels = pixels;
        Count = count;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>All pixels, image after image, row-major; 0 is background, 255 is ink.</summary>
    public byte[] Pixels { get; }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Height of every image.</summary>
    public int Rows { get; }

    /// <summary>Width of every image.</summary>
    public int Columns { get; }

    /// <summary>Pixels per image.</summary>
    public int ImageSize => Rows * Columns;

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, Count).</exception>
    public ReadOnlySpan<byte> Image(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"There are {Count} images.");
        return Pixels.AsSpan(index * ImageSize, ImageSize);
    }

    /// <summary>A copy of images [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside [0, Count).</exception>
    public IdxImages Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"Images [{start}, {start + count}) are not inside [0, {Count}).");
        return new IdxImages(Pixels.AsSpan(start * ImageSize, count * ImageSize).ToArray(), count, Rows, Columns);
    }
}
