using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// Keeps preprocessed fields on disk so that a second run starts at once. An entry is keyed by a SHA-256 of the
/// source pixels, their dimensions, the <see cref="SdfOptions"/> and a format version; it is written to a
/// temporary file and renamed into place, so a crash never leaves a half-written entry. An entry that does not
/// read back correctly is ignored and recomputed.
/// </summary>
public sealed class SdfCache
{
    private const int FormatVersion = 1;
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
    /// <see cref="SdfPreprocessor.Transform"/> and stored. <paramref name="fromCache"/> tells which happened.
    /// </summary>
    public float[] GetOrCompute(IdxImages images, SdfOptions options, out bool fromCache)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        byte[] key = Key(images, options);
        string path = PathFor(key);
        long expected = (long)images.Count * options.Resolution * options.Resolution;
        if (TryRead(path, key, expected) is { } cached)
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

    private static byte[] Key(IdxImages images, SdfOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"v{FormatVersion};{options.Key};{images.Count}x{images.Rows}x{images.Columns};"));
        hash.AppendData(images.Pixels);
        return hash.GetHashAndReset();
    }

    private static float[]? TryRead(string path, byte[] key, long expectedValues)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            long headerLength = Magic.Length + key.Length + sizeof(long);
            if (file.Length != headerLength + expectedValues * sizeof(float)) return null;
            Span<byte> header = stackalloc byte[(int)headerLength];
            file.ReadExactly(header);
            if (!header[..Magic.Length].SequenceEqual(Magic) || !header.Slice(Magic.Length, key.Length).SequenceEqual(key)
                || BinaryPrimitives.ReadInt64LittleEndian(header[^sizeof(long)..]) != expectedValues)
                return null;
            var fields = GC.AllocateUninitializedArray<float>((int)expectedValues);
            file.ReadExactly(MemoryMarshal.AsBytes(fields.AsSpan()));
            return fields;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // missing or unreadable: compute instead
        }
    }

    private static void Write(string path, byte[] key, float[] fields)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                file.Write(Magic);
                file.Write(key);
                Span<byte> count = stackalloc byte[sizeof(long)];
                BinaryPrimitives.WriteInt64LittleEndian(count, fields.LongLength);
                file.Write(count);
                file.Write(MemoryMarshal.AsBytes(fields.AsSpan())); // native order: the cache never leaves the machine
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
