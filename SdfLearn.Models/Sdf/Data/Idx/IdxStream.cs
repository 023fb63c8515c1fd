using System.Buffers.Binary;
using System.IO.Compression;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// The byte stream of an IDX file, raw or gzip, with the checks that keep a bad file from causing a huge
/// allocation or a silent partial read. Every failure names the file.
/// </summary>
internal sealed class IdxStream : IDisposable
{
    private readonly string _name;
    private readonly Stream _file;
    private readonly Stream _content;
    private readonly bool _compressed;
    private readonly long _maxDeflateRatio;

    private IdxStream(string name, Stream file, bool compressed, long maxDeflateRatio)
    {
        _name = name;
        _file = file;
        _compressed = compressed;
        _maxDeflateRatio = maxDeflateRatio;
        _content = compressed ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    public static IdxStream Open(string path, long maxDeflateRatio)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), path, maxDeflateRatio);
    }

    /// <summary>Takes ownership of <paramref name="file"/>, which must be seekable (its length bounds the payload).</summary>
    public static IdxStream Open(Stream file, string name, long maxDeflateRatio)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.CanSeek)
        {
            file.Dispose();
            throw new ArgumentException($"IDX stream '{name}' must be seekable so its length can be checked.", nameof(file));
        }
        try
        {
            Span<byte> signature = stackalloc byte[2];
            int got = file.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
            file.Position = 0;
            bool gzip = got == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
            return new IdxStream(name, file, gzip, maxDeflateRatio);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public InvalidDataException Error(string problem, Exception? inner = null) =>
        new($"IDX file '{_name}' is invalid: {problem}.", inner);

    /// <summary>Reads the header, refusing a wrong magic number before reading on (the message says what the file is instead).</summary>
    public void ReadHeader(Span<byte> header, int expectedMagic)
    {
        if (Read(header[..4]) < 4)
            throw Error($"it ends inside the {header.Length}-byte header");
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        string expected = IdxFile.KindOf(expectedMagic)!;
        if (magic != expectedMagic)
            throw Error(IdxFile.KindOf(magic) is { } actual
                ? $"this is an IDX {actual} file (magic 0x{magic:X8}), not an IDX {expected} file (0x{expectedMagic:X8})"
                : $"bad magic number 0x{magic:X8}; an IDX {expected} file starts with 0x{expectedMagic:X8}");
        if (Read(header[4..]) < header.Length - 4)
            throw Error($"it ends inside the {header.Length}-byte header");
    }

    /// <summary>
    /// Reads the <paramref name="length"/>-byte payload after a <paramref name="headerLength"/>-byte header, having
    /// first refused a length the file cannot hold (so a lying header allocates nothing); requires the data to end there.
    /// </summary>
    public byte[] ReadPayload(int headerLength, int length, string what)
    {
        long expected = headerLength + (long)length;
        if (!_compressed && _file.Length != expected)
            throw Error($"the header promises {what} ({expected:N0} bytes) but the file holds {_file.Length:N0} bytes"
                + (_file.Length < expected ? " (truncated?)" : ""));
        if (_compressed && expected > _file.Length * _maxDeflateRatio)
            throw Error($"the header promises {what} ({expected:N0} bytes), more than {_file.Length:N0} compressed bytes can hold");

        var payload = GC.AllocateUninitializedArray<byte>(length);
        int got = Read(payload);
        if (got < length)
            throw Error($"the header promises {what} but the data ends {length - got:N0} bytes early (truncated?)");
        Span<byte> probe = stackalloc byte[1];
        if (Read(probe) != 0)
            throw Error($"there are bytes after the {what} the header promises");
        return payload;
    }

    private int Read(Span<byte> destination)
    {
        try
        {
            return _content.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw Error($"the gzip stream is corrupt ({e.Message})", e);
        }
    }

    public void Dispose()
    {
        _content.Dispose();
        _file.Dispose();
    }
}
