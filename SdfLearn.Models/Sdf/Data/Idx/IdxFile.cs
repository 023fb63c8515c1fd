using System.Buffers.Binary;
using System.IO.Compression;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// Reads and writes the IDX format of MNIST (big-endian header: magic 0x00000803 + count, rows, columns for
/// images; 0x00000801 + count for labels; then unsigned bytes), raw or gzip-compressed (detected from the
/// content, not the name). Every header field is checked against the file before anything large is allocated, a
/// gzip payload takes memory only as its data arrives, and a gzip trailer's size and CRC-32 are verified, so a
/// corrupt, truncated or lying file fails with an <see cref="InvalidDataException"/> that names it.
/// </summary>
public static class IdxFile
{
    /// <summary>Magic number of an IDX file of unsigned bytes with three dimensions (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned bytes with one dimension (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    private const int MaxSide = 1 << 15;

    /// <summary>Reads an images file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid IDX images file (the message says why).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IdxImages ReadImages(string path) => ReadImages(IdxStream.Open(path));

    /// <summary>Reads an images file from a seekable <paramref name="stream"/> (disposed afterwards); <paramref name="name"/> appears in errors.</summary>
    /// <exception cref="InvalidDataException">The content is not a valid IDX images file (the message says why).</exception>
    /// <exception cref="ArgumentException">The stream is not seekable.</exception>
    public static IdxImages ReadImages(Stream stream, string name) => ReadImages(IdxStream.Open(stream, name));

    private static IdxImages ReadImages(IdxStream source)
    {
        using var reader = source;
        Span<byte> header = stackalloc byte[16];
        reader.ReadHeader(header, ImagesMagic);
        int count = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        int rows = BinaryPrimitives.ReadInt32BigEndian(header[8..]);
        int columns = BinaryPrimitives.ReadInt32BigEndian(header[12..]);
        if (count < 0 || rows <= 0 || columns <= 0 || rows > MaxSide || columns > MaxSide)
            throw reader.Error($"impossible dimensions {count} x {rows} x {columns} in the header");
        long payload = (long)count * rows * columns;
        if (payload > Array.MaxLength)
            throw reader.Error($"header promises {count} images of {rows}x{columns} ({payload:N0} bytes), more than one array can hold");
        return new IdxImages(reader.ReadPayload(header.Length, (int)payload, $"{count:N0} images of {rows}x{columns}"), count, rows, columns);
    }

    /// <summary>Reads a labels file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid IDX labels file (the message says why).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static byte[] ReadLabels(string path) => ReadLabels(IdxStream.Open(path));

    /// <summary>Reads a labels file from a seekable <paramref name="stream"/> (disposed afterwards); <paramref name="name"/> appears in errors.</summary>
    /// <exception cref="InvalidDataException">The content is not a valid IDX labels file (the message says why).</exception>
    /// <exception cref="ArgumentException">The stream is not seekable.</exception>
    public static byte[] ReadLabels(Stream stream, string name) => ReadLabels(IdxStream.Open(stream, name));

    private static byte[] ReadLabels(IdxStream source)
    {
        using var reader = source;
        Span<byte> header = stackalloc byte[8];
        reader.ReadHeader(header, LabelsMagic);
        int count = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        if (count < 0)
            throw reader.Error($"negative label count {count} in the header");
        return reader.ReadPayload(header.Length, count, $"{count:N0} labels");
    }

    /// <summary>Writes an images file, gzip-compressed when <paramref name="path"/> ends in ".gz".</summary>
    public static void WriteImages(string path, IdxImages images)
    {
        ArgumentNullException.ThrowIfNull(images);
        Span<byte> header = stackalloc byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], images.Count);
        BinaryPrimitives.WriteInt32BigEndian(header[8..], images.Rows);
        BinaryPrimitives.WriteInt32BigEndian(header[12..], images.Columns);
        Write(path, header, images.Pixels);
    }

    /// <summary>Writes a labels file, gzip-compressed when <paramref name="path"/> ends in ".gz".</summary>
    public static void WriteLabels(string path, ReadOnlySpan<byte> labels)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], labels.Length);
        Write(path, header, labels);
    }

    /// <summary>What a magic number announces ("images", "labels"), or null for one this reader does not know.</summary>
    internal static string? KindOf(int magic) => magic switch
    {
        ImagesMagic => "images",
        LabelsMagic => "labels",
        _ => null,
    };

    private static void Write(string path, ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        using var file = File.Create(path);
        using Stream output = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionLevel.Optimal)
            : file;
        output.Write(header);
        output.Write(payload);
    }
}
