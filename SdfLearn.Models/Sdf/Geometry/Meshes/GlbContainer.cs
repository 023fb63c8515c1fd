using System.Buffers.Binary;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// The binary glTF container: a 12-byte header (magic "glTF", version 2, total length), a JSON chunk, then an
/// optional BIN chunk, every chunk padded to 4 bytes (JSON with spaces, BIN with zeros). Chunks of other types are
/// skipped on reading, as the glTF 2.0 specification asks.
/// </summary>
internal static class GlbContainer
{
    /// <summary>"glTF" read as a little-endian uint32.</summary>
    public const uint Magic = 0x46546C67;

    /// <summary>"JSON" read as a little-endian uint32.</summary>
    public const uint JsonChunk = 0x4E4F534A;

    /// <summary>"BIN\0" read as a little-endian uint32.</summary>
    public const uint BinChunk = 0x004E4942;

    private const int HeaderSize = 12;
    private const int ChunkHeaderSize = 8;

    /// <summary>Writes a GLB holding <paramref name="json"/> and, when not empty, <paramref name="bin"/>, each padded to 4 bytes.</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> json, ReadOnlySpan<byte> bin)
    {
        long total = HeaderSize + ChunkHeaderSize + Padded(json.Length) + (bin.IsEmpty ? 0 : ChunkHeaderSize + Padded(bin.Length));
        if (total > uint.MaxValue) throw new ArgumentException($"A GLB holds at most 4 GiB; this one would take {total} bytes.");
        Span<byte> header = stackalloc byte[HeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)total);
        stream.Write(header);
        WriteChunk(stream, JsonChunk, json, (byte)' ');
        if (!bin.IsEmpty) WriteChunk(stream, BinChunk, bin, 0);
    }

    /// <summary>
    /// Splits <paramref name="file"/> into its JSON chunk and its BIN chunk (empty when there is none); bytes past
    /// the header's total length are ignored.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a GLB, not version 2, truncated, or the first chunk is not JSON; the message names <paramref name="name"/>.</exception>
    public static (ReadOnlyMemory<byte> Json, ReadOnlyMemory<byte> Bin) Split(ReadOnlyMemory<byte> file, string name)
    {
        var bytes = file.Span;
        if (bytes.Length < HeaderSize || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
            throw new InvalidDataException($"{name}: not a binary glTF file (it does not start with the 12-byte header and magic 'glTF'); a .gltf text file must be converted to .glb.");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        if (version != 2) throw new InvalidDataException($"{name}: GLB version {version}; only glTF 2.0 (version 2) is read (convert glTF 1.0 files to 2.0).");
        uint declared = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        if (declared > bytes.Length)
            throw new InvalidDataException($"{name}: the header declares {declared} bytes but the file has {bytes.Length} (truncated file?).");
        int end = (int)declared, offset = HeaderSize;
        ReadOnlyMemory<byte>? json = null, bin = null;
        while (offset < end)
        {
            if (end - offset < ChunkHeaderSize)
                throw new InvalidDataException($"{name}, byte offset {offset}: {end - offset} bytes left, too few for a chunk header (truncated file?).");
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(offset + 4)..]);
            int start = offset + ChunkHeaderSize;
            if (length > end - start)
                throw new InvalidDataException($"{name}, byte offset {offset}: a {length}-byte chunk, but only {end - start} bytes follow (truncated file?).");
            var content = file.Slice(start, (int)length);
            if (json is null)
            {
                if (type != JsonChunk) throw new InvalidDataException($"{name}, byte offset {offset}: the first chunk is of type 0x{type:X8}, not JSON.");
                json = content;
            }
            else if (type == BinChunk && bin is null) bin = content;
            offset = start + (int)length;
        }
        if (json is null) throw new InvalidDataException($"{name}: the file holds no JSON chunk.");
        return (json.Value, bin ?? ReadOnlyMemory<byte>.Empty);
    }

    private static void WriteChunk(Stream stream, uint type, ReadOnlySpan<byte> content, byte padding)
    {
        long padded = Padded(content.Length);
        Span<byte> header = stackalloc byte[ChunkHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)padded);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], type);
        stream.Write(header);
        stream.Write(content);
        for (long i = content.Length; i < padded; i++) stream.WriteByte(padding);
    }

    private static long Padded(int length) => (length + 3L) & ~3L;
}
