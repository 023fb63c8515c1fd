using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Json;
using SdfLearn.Core;

namespace SdfLearn.Nn.Serialization;

/// <summary>
/// The validated contents of a safetensors file: its metadata, its tensor entries and their bytes.
/// Everything is checked on load (header size, JSON structure, dtypes, shapes, that the byte ranges tile the data
/// buffer exactly); any problem raises <see cref="InvalidDataException"/> naming the file and the tensor.
/// </summary>
public sealed class SafeTensorsFile
{
    private readonly byte[] _bytes;
    private readonly long _dataStart;
    private readonly Dictionary<string, SafeTensorInfo> _byName;

    private SafeTensorsFile(byte[] bytes, long dataStart, List<SafeTensorInfo> tensors, Dictionary<string, string> metadata)
    {
        _bytes = bytes;
        _dataStart = dataStart;
        Tensors = tensors;
        Metadata = metadata;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The free-form string metadata (<c>__metadata__</c>); empty if the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor entries, in the order of their bytes in the file.</summary>
    public IReadOnlyList<SafeTensorInfo> Tensors { get; }

    /// <summary>The tensor names, in file order.</summary>
    public IEnumerable<string> Names => Tensors.Select(t => t.Name);

    /// <summary>Whether the file holds a tensor called <paramref name="name"/>.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The entry of tensor <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The file has no such tensor.</exception>
    public SafeTensorInfo Info(string name) => _byName.TryGetValue(name, out var info)
        ? info
        : throw new KeyNotFoundException($"The safetensors file has no tensor named '{name}'.");

    /// <summary>
    /// Reads tensor <paramref name="name"/> as <typeparamref name="T"/>, converting from the stored dtype if they differ
    /// (F32 to double is exact; F64 to float rounds to nearest).
    /// </summary>
    /// <exception cref="KeyNotFoundException">The file has no such tensor.</exception>
    public Tensor<T> Read<T>(string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var info = Info(name);
        var bytes = _bytes.AsSpan(checked((int)(_dataStart + info.Begin)), checked((int)(info.End - info.Begin)));
        var result = new Tensor<T>(info.Shape);
        if (SafeTensorsFormat.DTypeOf<T>() == info.DType)
        {
            SafeTensorsFormat.CopyFromLittleEndian(bytes, result.Span);
            return result;
        }
        if (info.DType == SafeTensorsDType.F32)
        {
            var stored = new float[info.Shape.Length];
            SafeTensorsFormat.CopyFromLittleEndian<float>(bytes, stored);
            for (int i = 0; i < stored.Length; i++) result.Span[i] = T.CreateTruncating(stored[i]);
        }
        else
        {
            var stored = new double[info.Shape.Length];
            SafeTensorsFormat.CopyFromLittleEndian<double>(bytes, stored);
            for (int i = 0; i < stored.Length; i++) result.Span[i] = T.CreateTruncating(stored[i]);
        }
        return result;
    }

    /// <summary>Reads every tensor as <typeparamref name="T"/>, keyed by name, in file order.</summary>
    public Dictionary<string, Tensor<T>> ReadAll<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var all = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (var info in Tensors) all[info.Name] = Read<T>(info.Name);
        return all;
    }

    /// <summary>Loads and validates a safetensors file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file; the message says why.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SafeTensorsFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Validates and wraps the bytes of a safetensors file (kept, not copied).</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="source">What the bytes are, for error messages (e.g. the path).</param>
    /// <exception cref="InvalidDataException">The bytes are not a valid safetensors file; the message says why.</exception>
    public static SafeTensorsFile Parse(byte[] bytes, string source = "<memory>")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        string where = $"Safetensors file '{source}'";
        if (bytes.Length < SafeTensorsFormat.PrefixSize)
            throw new InvalidDataException($"{where} is {bytes.Length} bytes long, shorter than the 8-byte header length.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > SafeTensorsFormat.MaxHeaderSize)
            throw new InvalidDataException($"{where} declares a {headerLength}-byte header, more than the {SafeTensorsFormat.MaxHeaderSize}-byte limit.");
        long dataStart = SafeTensorsFormat.PrefixSize + (long)headerLength;
        if (dataStart > bytes.Length)
            throw new InvalidDataException($"{where} declares a {headerLength}-byte header but only {bytes.Length - SafeTensorsFormat.PrefixSize} bytes follow the length.");
        if (headerLength < 2)
            throw new InvalidDataException($"{where} declares a {headerLength}-byte header, too short for a JSON object.");

        var headerBytes = bytes.AsMemory(SafeTensorsFormat.PrefixSize, (int)headerLength);
        if (headerBytes.Span[0] != (byte)'{')
            throw new InvalidDataException($"{where}: the header does not start with '{{'.");
        JsonDocument document;
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(headerBytes.Span);
            document = JsonDocument.Parse(headerBytes);
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException)
        {
            throw new InvalidDataException($"{where}: the header is not valid UTF-8 JSON ({e.Message}).", e);
        }
        using (document)
        {
            var (tensors, metadata) = ReadHeader(document.RootElement, where);
            CheckByteRanges(tensors, bytes.Length - dataStart, where);
            return new SafeTensorsFile(bytes, dataStart, tensors, metadata);
        }
    }

    private static (List<SafeTensorInfo>, Dictionary<string, string>) ReadHeader(JsonElement root, string where)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{where}: the header is a JSON {root.ValueKind}, not an object.");
        var tensors = new List<SafeTensorInfo>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
                throw new InvalidDataException($"{where}: the header names '{property.Name}' twice.");
            if (property.Name == SafeTensorsFormat.MetadataKey)
                ReadMetadata(property.Value, metadata, where);
            else
                tensors.Add(ReadTensorInfo(property.Name, property.Value, where));
        }
        return (tensors, metadata);
    }

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{where}: __metadata__ must be an object of strings, not a JSON {element.ValueKind}.");
        foreach (var entry in element.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw new InvalidDataException($"{where}: metadata value '{entry.Name}' is a JSON {entry.Value.ValueKind}, not a string.");
            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
                throw new InvalidDataException($"{where}: metadata key '{entry.Name}' appears twice.");
        }
    }

    private static SafeTensorInfo ReadTensorInfo(string name, JsonElement element, string where)
    {
        string tensor = $"{where}, tensor '{name}'";
        if (element.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{tensor}: the entry is a JSON {element.ValueKind}, not an object.");
        if (!element.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw new InvalidDataException($"{tensor}: missing string field 'dtype'.");
        if (!SafeTensorsFormat.TryParse(dtypeElement.GetString(), out var dtype))
            throw new InvalidDataException($"{tensor}: dtype '{dtypeElement.GetString()}' is not supported (SdfLearn reads F32 and F64).");

        long[] dims = ReadIntegers(element, "shape", tensor, count: null);
        long[] offsets = ReadIntegers(element, "data_offsets", tensor, count: 2);
        if (offsets[0] > offsets[1])
            throw new InvalidDataException($"{tensor}: data_offsets [{offsets[0]}, {offsets[1]}] end before they begin.");

        var intDims = new int[dims.Length];
        long elements = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == 0)
                throw new InvalidDataException($"{tensor}: shape [{string.Join(", ", dims)}] is empty; SdfLearn tensors have at least one element.");
            if (dims[i] > Array.MaxLength || (elements *= dims[i]) > Array.MaxLength)
                throw new InvalidDataException($"{tensor}: shape [{string.Join(", ", dims)}] has more elements than an array can hold.");
            intDims[i] = (int)dims[i];
        }
        long expectedBytes = elements * SafeTensorsFormat.ElementSize(dtype);
        if (offsets[1] - offsets[0] != expectedBytes)
            throw new InvalidDataException(
                $"{tensor}: {dtypeElement.GetString()} shape [{string.Join(", ", dims)}] needs {expectedBytes} bytes but data_offsets [{offsets[0]}, {offsets[1]}] span {offsets[1] - offsets[0]}.");
        return new SafeTensorInfo(name, dtype, new Shape(intDims), offsets[0], offsets[1]);
    }

    private static long[] ReadIntegers(JsonElement entry, string field, string tensor, int? count)
    {
        if (!entry.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{tensor}: missing array field '{field}'.");
        if (count is int n && array.GetArrayLength() != n)
            throw new InvalidDataException($"{tensor}: '{field}' has {array.GetArrayLength()} entries, expected {n}.");
        var values = new long[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long value) || value < 0)
                throw new InvalidDataException($"{tensor}: '{field}' entry {i} ({item.GetRawText()}) is not a non-negative integer.");
            values[i++] = value;
        }
        return values;
    }

    /// <summary>The byte ranges must tile the data buffer exactly: no overlap, no gap, nothing past the end (as the reference reader).</summary>
    private static void CheckByteRanges(List<SafeTensorInfo> tensors, long dataLength, string where)
    {
        tensors.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expectedBegin = 0;
        SafeTensorInfo? previous = null;
        foreach (var info in tensors)
        {
            if (info.End > dataLength)
                throw new InvalidDataException(
                    $"{where}, tensor '{info.Name}': data_offsets [{info.Begin}, {info.End}] run past the end of the {dataLength}-byte data buffer (file truncated?).");
            if (info.Begin < expectedBegin)
                throw new InvalidDataException($"{where}: tensors '{previous!.Name}' and '{info.Name}' overlap.");
            if (info.Begin > expectedBegin)
                throw new InvalidDataException(previous is null
                    ? $"{where}, tensor '{info.Name}': the data buffer has {info.Begin} unused bytes before it."
                    : $"{where}: {info.Begin - expectedBegin} unused bytes between tensors '{previous.Name}' and '{info.Name}'.");
            expectedBegin = info.End;
            previous = info;
        }
        if (expectedBegin != dataLength)
            throw new InvalidDataException($"{where}: the data buffer is {dataLength} bytes but the tensors use {expectedBegin}.");
    }
}
