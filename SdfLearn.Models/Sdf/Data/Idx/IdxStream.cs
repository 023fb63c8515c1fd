using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// The byte stream of an IDX file, raw or gzip, with the checks that keep a bad file from causing a huge
/// allocation or a silent partial or wrong read. A raw payload must fill the file exactly; a gzip payload is
/// collected in a buffer that grows only as data arrives (so memory follows the real content, never the header's
/// claim), and the gzip trailer's ISIZE and CRC-32 must match what was inflated (.NET's <see cref="GZipStream"/>
/// checks neither). Every failure names the file.
/// </summary>
internal sealed class IdxStream : IDisposable
{
    /// <summary>First size of a gzip payload's buffer, which then doubles as data arrives.</summary>
    private const int FirstChunk = 1 << 16;

    /// <summary>Gzip's 10-byte header plus its 8-byte trailer (CRC-32 and ISIZE, little-endian).</summary>
    private const int GzipFraming = 18, TrailerSize = 8;

    /// <summary>What a trailer that disagrees with the data means.</summary>
    private const string NotOneMember = "truncated or damaged, or several concatenated gzip members, which this reader does not accept";

    private readonly string _name;
    private readonly Stream _file;
    private readonly Stream _content;
    private readonly Crc32? _crc;
    private readonly uint _trailerCrc, _trailerSize;

    private IdxStream(string name, Stream file, bool compressed, uint trailerCrc, uint trailerSize)
    {
        _name = name;
        _file = file;
        (_trailerCrc, _trailerSize) = (trailerCrc, trailerSize);
        _crc = compressed ? new Crc32() : null;
        _content = compressed ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    public static IdxStream Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), path);
    }

    /// <summary>Takes ownership of <paramref name="file"/>, which must be seekable (its length bounds the payload).</summary>
    public static IdxStream Open(Stream file, string name)
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
            bool gzip = got == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
            if (!gzip)
            {
                file.Position = 0;
                return new IdxStream(name, file, compressed: false, 0, 0);
            }
            if (file.Length < GzipFraming)
                throw new InvalidDataException($"IDX file '{name}' is invalid: at {file.Length} bytes it is too short for a gzip stream.");
            Span<byte> trailer = stackalloc byte[TrailerSize];
            file.Position = file.Length - TrailerSize;
            file.ReadExactly(trailer);
            file.Position = 0;
            return new IdxStream(name, file, compressed: true,
                BinaryPrimitives.ReadUInt32LittleEndian(trailer), BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]));
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
    /// first refused a length that the raw file's size or the gzip trailer's ISIZE contradicts; requires the data to
    /// end there and, for gzip, its CRC-32 to match the trailer's.
    /// </summary>
    public byte[] ReadPayload(int headerLength, int length, string what)
    {
        long expected = headerLength + (long)length;
        if (_crc is null && _file.Length != expected)
            throw Error($"the header promises {what} ({expected:N0} bytes) but the file holds {_file.Length:N0} bytes"
                + (_file.Length < expected ? " (truncated?)" : ""));
        if (_crc is not null && (uint)expected != _trailerSize)
            throw Error($"the header promises {what} ({expected:N0} bytes) but the gzip trailer records {_trailerSize:N0} "
                + $"uncompressed bytes ({NotOneMember})");

        var payload = ReadGrowing(length, what);
        Span<byte> probe = stackalloc byte[1];
        if (Read(probe) != 0)
            throw Error($"there are bytes after the {what} the header promises");
        if (_crc is not null && _crc.GetCurrentHashAsUInt32() is var actual && actual != _trailerCrc)
            throw Error($"the data's CRC-32 0x{actual:X8} differs from the gzip trailer's 0x{_trailerCrc:X8} ({NotOneMember})");
        return payload;
    }

    /// <summary>
    /// The payload, in one array of exactly <paramref name="length"/> bytes that a raw file's size already vouches
    /// for; from a gzip stream in a buffer that starts small and doubles only when filled, so a header that lies
    /// about its count costs at most twice the data that really arrives.
    /// </summary>
    private byte[] ReadGrowing(int length, string what)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(_crc is null ? length : Math.Min(length, FirstChunk));
        int filled = 0;
        while (true)
        {
            filled += Read(buffer.AsSpan(filled));
            if (filled < buffer.Length)
                throw Error($"the header promises {what} but the data ends {length - filled:N0} bytes early (truncated?)");
            if (filled == length) return buffer;
            var larger = GC.AllocateUninitializedArray<byte>((int)Math.Min(length, 2L * buffer.Length));
            buffer.CopyTo(larger, 0);
            buffer = larger;
        }
    }

    private int Read(Span<byte> destination)
    {
        int got;
        try
        {
            got = _content.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw Error($"the gzip stream is corrupt ({e.Message})", e);
        }
        _crc?.Append(destination[..got]);
        return got;
    }

    public void Dispose()
    {
        _content.Dispose();
        _file.Dispose();
    }
}
