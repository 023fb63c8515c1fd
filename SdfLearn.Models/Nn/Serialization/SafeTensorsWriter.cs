using SdfLearn.Core.IO;
using System.Buffers.Binary;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using SdfLearn.Core;

namespace SdfLearn.Nn.Serialization;

/// <summary>
/// Writes tensors in the safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian
/// header length, a JSON header <c>{name: {dtype, shape, data_offsets}, "__metadata__": {...}}</c> padded with spaces
/// to a multiple of 8 bytes (as the reference writer does), then the raw little-endian tensor bytes in header order.
/// </summary>
public static class SafeTensorsWriter
{
    /// <summary>
    /// Saves tensors to <paramref name="path"/> atomically: the bytes go to a temporary file in the same folder,
    /// which is flushed and then renamed over the destination, so a failure never leaves a partial file behind.
    /// </summary>
    /// <param name="path">The destination file; replaced if it exists.</param>
    /// <param name="tensors">Named tensors, written in this order.</param>
    /// <param name="metadata">Optional free-form string metadata (<c>__metadata__</c>).</param>
    /// <exception cref="ArgumentException">A name is empty, repeated or reserved (<c>__metadata__</c>).</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save<T>(string path, IEnumerable<KeyValuePair<string, Tensor<T>>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        AtomicFile.Write(path, stream => Write(stream, tensors, metadata));
    }

    /// <summary>Writes tensors in the safetensors format to a stream (see <see cref="Save{T}"/>).</summary>
    /// <exception cref="ArgumentException">A name is empty, repeated or reserved (<c>__metadata__</c>).</exception>
    public static void Write<T>(Stream stream, IEnumerable<KeyValuePair<string, Tensor<T>>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        var entries = tensors.ToList();
        byte[] header = BuildHeader(entries, metadata);

        Span<byte> prefix = stackalloc byte[SafeTensorsFormat.PrefixSize];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);

        int largest = entries.Count == 0 ? 0 : entries.Max(e => e.Value.Length);
        byte[] buffer = new byte[largest * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()];
        foreach (var (_, tensor) in entries)
        {
            int byteCount = tensor.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            SafeTensorsFormat.CopyToLittleEndian<T>(tensor.Span, buffer);
            stream.Write(buffer, 0, byteCount);
        }
    }

    private static byte[] BuildHeader<T>(List<KeyValuePair<string, Tensor<T>>> entries, IReadOnlyDictionary<string, string>? metadata)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string dtype = SafeTensorsFormat.Name(SafeTensorsFormat.DTypeOf<T>());
        int elementSize = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(SafeTensorsFormat.MetadataKey);
                foreach (var (key, value) in metadata) writer.WriteString(key, value);
                writer.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in entries)
            {
                if (string.IsNullOrEmpty(name))
                    throw new ArgumentException("Safetensors tensor names must not be empty.", nameof(entries));
                if (name == SafeTensorsFormat.MetadataKey)
                    throw new ArgumentException($"'{name}' is reserved for metadata and cannot name a tensor.", nameof(entries));
                if (!seen.Add(name))
                    throw new ArgumentException($"Tensor name '{name}' appears twice.", nameof(entries));
                ArgumentNullException.ThrowIfNull(tensor, name);
                long end = offset + (long)tensor.Length * elementSize;
                writer.WriteStartObject(name);
                writer.WriteString("dtype", dtype);
                writer.WriteStartArray("shape");
                foreach (int dim in tensor.Shape.Dims) writer.WriteNumberValue(dim);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(end);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset = end;
            }
            writer.WriteEndObject();
        }
        // Pad with spaces so the data buffer starts 8-byte aligned, as the reference writer does.
        int padding = (int)((8 - (json.Length % 8)) % 8);
        for (int i = 0; i < padding; i++) json.WriteByte((byte)' ');
        return json.ToArray();
    }
}
