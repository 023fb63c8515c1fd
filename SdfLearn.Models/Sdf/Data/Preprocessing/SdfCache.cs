using SdfLearn.Core.IO;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// Keeps preprocessed fields on disk so that a second run starts at once. An entry is keyed by a SHA-256 of the
/// source pixels, their dimensions, the <see cref="SdfOptions"/> and a format version; it is written to a
/// temporary file and renamed into place, so a crash never leaves a half-written entry. The fields carry an
/// XxHash3 checksum, so a damaged entry (a flipped bit, a NaN written over a value) is never trained on: an entry
/// that does not read back exactly as written is recomputed, with a warning to the caller's log.
/// </summary>
public sealed class SdfCache
{
    /// <summary>2: the fields' checksum follows the count. Part of the key, so older entries are simply not found.</summary>
    private const int FormatVersion = 2;
    private static readonly byte[] Magic = "SDFCACHE"u8.ToArray();

    /// <summary>Creates a cache in <paramref name="directory"/> (created when first written).</summary>
    public SdfCache(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
    }

    /// <summary>Where entries live.</summary>
    public string Directory { get; }

    /// <summary>
    /// The fields of <paramref name="images"/> from the cache if present, else computed with
    /// <see cref="SdfPreprocessor.Transform"/> and stored. <paramref name="fromCache"/> tells which happened;
    /// <paramref name="logger"/> hears a warning when a damaged entry is recomputed.
    /// </summary>
    public float[] GetOrCompute(IdxImages images, SdfOptions options, out bool fromCache, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        byte[] key = Key(images, options);
        string path = PathFor(key);
        long expected = (long)images.Count * options.Resolution * options.Resolution;
        if (TryRead(path, key, expected, logger) is { } cached)
        {
            fromCache = true;
            return cached;
        }
        var fields = SdfPreprocessor.Transform(images, options);
        try
        {
            Write(path, key, fields);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs time on the next run.
        }
        fromCache = false;
        return fields;
    }

    /// <summary>The file an entry for these images and options would use.</summary>
    public string PathFor(IdxImages images, SdfOptions options) => PathFor(Key(images, options));

    private string PathFor(byte[] key) => Path.Combine(Directory, $"sdf-{Convert.ToHexStringLower(key)[..24]}.bin");

    internal static byte[] Key(IdxImages images, SdfOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"v{FormatVersion};{options.Key};{images.Count}x{images.Rows}x{images.Columns};"));
        hash.AppendData(images.Pixels);
        return hash.GetHashAndReset();
    }

    private static float[]? TryRead(string path, byte[] key, long expectedValues, ILogger? logger)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return ReadEntry(file, path, key, expectedValues);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // not cached yet
        }
        catch (InvalidDataException e)
        {
            logger?.LogWarning("{Problem} Recomputing it.", e.Message);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger?.LogWarning("SDF cache entry '{Path}' cannot be read ({Problem}); recomputing it.", path, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Reads an entry: the magic, <paramref name="key"/>, the count <paramref name="expectedValues"/> (the file's
    /// length must match it before anything is allocated) and the fields, whose checksum must match.
    /// </summary>
    /// <exception cref="InvalidDataException">The entry is damaged or not the one asked for; the message names <paramref name="name"/>.</exception>
    internal static float[] ReadEntry(Stream file, string name, byte[] key, long expectedValues)
    {
        int headerLength = Magic.Length + key.Length + 2 * sizeof(long);
        long expectedLength = headerLength + expectedValues * sizeof(float);
        if (file.Length != expectedLength)
            throw Damaged(name, $"it is {file.Length:N0} bytes, not the {expectedLength:N0} of {expectedValues:N0} fields' values");
        Span<byte> header = stackalloc byte[headerLength];
        file.ReadExactly(header);
        if (!header[..Magic.Length].SequenceEqual(Magic))
            throw Damaged(name, "it does not start with the cache's magic bytes");
        if (!header.Slice(Magic.Length, key.Length).SequenceEqual(key))
            throw Damaged(name, "it holds the fields of other digits or options");
        var counts = header[(Magic.Length + key.Length)..];
        if (BinaryPrimitives.ReadInt64LittleEndian(counts) != expectedValues)
            throw Damaged(name, $"its count is {BinaryPrimitives.ReadInt64LittleEndian(counts):N0}, not {expectedValues:N0}");
        var fields = GC.AllocateUninitializedArray<float>((int)expectedValues);
        file.ReadExactly(MemoryMarshal.AsBytes(fields.AsSpan()));
        if (XxHash3.HashToUInt64(MemoryMarshal.AsBytes(fields.AsSpan())) != BinaryPrimitives.ReadUInt64LittleEndian(counts[sizeof(long)..]))
            throw Damaged(name, "its fields do not match their checksum");
        return fields;
    }

    private static InvalidDataException Damaged(string name, string problem) => new($"SDF cache entry '{name}' is damaged: {problem}.");

    private static void Write(string path, byte[] key, float[] fields) => AtomicFile.Write(path, file =>
    {
        file.Write(Magic);
        file.Write(key);
        var values = MemoryMarshal.AsBytes(fields.AsSpan());
        Span<byte> counts = stackalloc byte[2 * sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(counts, fields.LongLength);
        BinaryPrimitives.WriteUInt64LittleEndian(counts[sizeof(long)..], XxHash3.HashToUInt64(values));
        file.Write(counts);
        file.Write(values); // native order: the cache never leaves the machine
    });
}
