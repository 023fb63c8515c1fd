using System.Buffers.Binary;
using System.IO.Compression;

namespace SdfLearn.Models.Data;

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

    /// <summary>Reads the magic number, checks it with <paramref name="checkMagic"/>, then the rest of the header.</summary>
    public void ReadHeader(Span<byte> header, Action<int> checkMagic)
    {
        if (Read(header[..4]) < 4)
            throw Error($"it ends inside the {header.Length}-byte header");
        checkMagic(BinaryPrimitives.ReadInt32BigEndian(header));
        if (Read(header[4..]) < header.Length - 4)
            throw Error($"it ends inside the {header.Length}-byte header");
    }

    /// <summary>Refuses a header whose payload cannot be in this file, before the payload is allocated.</summary>
    public void CheckPayloadFits(int headerLength, long payload, string what)
    {
        long expected = headerLength + payload;
        if (!_compressed)
        {
            if (_file.Length != expected)
                throw Error($"the header promises {what} ({expected:N0} bytes) but the file holds {_file.Length:N0} bytes"
                    + (_file.Length < expected ? " (truncated?)" : ""));
            return;
        }
        if (expected > _file.Length * _maxDeflateRatio)
            throw Error($"the header promises {what} ({expected:N0} bytes), more than {_file.Length:N0} compressed bytes can hold");
    }

    public void ReadPayload(Span<byte> destination, string what)
    {
        int got = Read(destination);
        if (got < destination.Length)
            throw Error($"the header promises {what} but the data ends {destination.Length - got:N0} bytes early (truncated?)");
        Span<byte> probe = stackalloc byte[1];
        if (Read(probe) != 0)
            throw Error($"there are bytes after the {what} the header promises");
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
