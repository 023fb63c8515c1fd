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

    private SafeTensorsFile(byte[] bytes, long dataStart, List<SafeTensorInfo> tensors, Dictionary<string, SafeTensorInfo> byName,
        Dictionary<string, string> metadata)
    {
        _bytes = bytes;
        _dataStart = dataStart;
        Tensors = tensors;
        Metadata = metadata;
        _byName = byName;
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
        : throw new KeyNotFoundException($"The safetensors file has no tensor named {BoundedText.Quote(name)}.");

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
        var all = new Dictionary<string, Tensor<T>>(Tensors.Count, StringComparer.Ordinal);
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

        var header = bytes.AsSpan(SafeTensorsFormat.PrefixSize, (int)headerLength);
        if (header[0] != (byte)'{')
            throw new InvalidDataException($"{where}: the header does not start with '{{'.");
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(header);
            var (tensors, byName, metadata) = ReadHeader(header, where);
            CheckByteRanges(tensors, bytes.Length - dataStart, where);
            return new SafeTensorsFile(bytes, dataStart, tensors, byName, metadata);
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException)
        {
            throw new InvalidDataException($"{where}: the header is not valid UTF-8 JSON ({e.Message}).", e);
        }
        catch (InvalidOperationException e) when (e.TargetSite?.DeclaringType?.Assembly == typeof(JsonException).Assembly)
        {
            // The JSON reader's way of refusing an escaped lone surrogate (such as \ud800), which has no UTF-16 form.
            throw new InvalidDataException($"{where}: the header holds a string that is not valid Unicode ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Reads the header with a forward-only reader (no document tree), so memory follows what the header holds: one
    /// name and one entry per tensor. Unknown fields of an entry are skipped, as the reference reader does.
    /// </summary>
    private static (List<SafeTensorInfo>, Dictionary<string, SafeTensorInfo>, Dictionary<string, string>) ReadHeader(
        ReadOnlySpan<byte> header, string where)
    {
        var reader = new Utf8JsonReader(header);
        reader.Read();
        var tensors = new List<SafeTensorInfo>();
        var byName = new Dictionary<string, SafeTensorInfo>(StringComparer.Ordinal);
        Dictionary<string, string>? metadata = null;
        var numbers = new List<long>();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            Next(ref reader);
            if (name == SafeTensorsFormat.MetadataKey)
            {
                if (metadata is not null)
                    throw new InvalidDataException($"{where}: the header names '{SafeTensorsFormat.MetadataKey}' twice.");
                metadata = ReadMetadata(ref reader, where);
                continue;
            }
            var info = ReadTensorInfo(ref reader, name, where, numbers);
            if (!byName.TryAdd(name, info))
                throw new InvalidDataException($"{where}: the header names {BoundedText.Quote(name)} twice.");
            tensors.Add(info);
        }
        reader.Read(); // nothing but white space may follow the object (the reader throws otherwise)
        return (tensors, byName, metadata ?? new Dictionary<string, string>(StringComparer.Ordinal));
    }

    /// <summary>Moves to the next token; the reader throws a <see cref="JsonException"/> on malformed JSON.</summary>
    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType;
    }

    private static Dictionary<string, string> ReadMetadata(ref Utf8JsonReader reader, string where)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new InvalidDataException($"{where}: __metadata__ must be an object of strings, not a JSON {Kind(reader.TokenType)}.");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            string key = reader.GetString()!;
            if (Next(ref reader) != JsonTokenType.String)
                throw new InvalidDataException($"{where}: metadata value {BoundedText.Quote(key)} is a JSON {Kind(reader.TokenType)}, not a string.");
            if (!metadata.TryAdd(key, reader.GetString()!))
                throw new InvalidDataException($"{where}: metadata key {BoundedText.Quote(key)} appears twice.");
        }
        return metadata;
    }

    private static SafeTensorInfo ReadTensorInfo(ref Utf8JsonReader reader, string name, string where, List<long> numbers)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Invalid(where, name, $"the entry is a JSON {Kind(reader.TokenType)}, not an object");
        SafeTensorsDType? dtype = null;
        Shape? shape = null;
        (long Begin, long End)? offsets = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("dtype"u8))
            {
                if (Next(ref reader) != JsonTokenType.String || dtype is not null)
                    throw Invalid(where, name, "'dtype' must appear once, as a string");
                dtype = reader.ValueTextEquals("F32"u8) ? SafeTensorsDType.F32
                    : reader.ValueTextEquals("F64"u8) ? SafeTensorsDType.F64
                    : throw Invalid(where, name, $"dtype {BoundedText.Quote(reader.GetString()!)} is not supported (SdfLearn reads F32 and F64)");
            }
            else if (reader.ValueTextEquals("shape"u8))
            {
                if (shape is not null) throw Invalid(where, name, "'shape' appears twice");
                ReadIntegers(ref reader, "shape", where, name, numbers);
                shape = ToShape(numbers, where, name);
            }
            else if (reader.ValueTextEquals("data_offsets"u8))
            {
                if (offsets is not null) throw Invalid(where, name, "'data_offsets' appears twice");
                ReadIntegers(ref reader, "data_offsets", where, name, numbers);
                if (numbers.Count != 2)
                    throw Invalid(where, name, $"'data_offsets' has {numbers.Count:N0} entries, expected 2");
                if (numbers[0] > numbers[1])
                    throw Invalid(where, name, $"data_offsets [{numbers[0]}, {numbers[1]}] end before they begin");
                offsets = (numbers[0], numbers[1]);
            }
            else
            {
                reader.Skip(); // an unknown field's value, whole
            }
        }
        if (dtype is not { } type) throw Invalid(where, name, "missing string field 'dtype'");
        if (shape is not { } dims) throw Invalid(where, name, "missing array field 'shape'");
        if (offsets is not var (begin, end)) throw Invalid(where, name, "missing array field 'data_offsets'");

        long expectedBytes = (long)dims.Length * SafeTensorsFormat.ElementSize(type);
        if (end - begin != expectedBytes)
            throw Invalid(where, name,
                $"{SafeTensorsFormat.Name(type)} shape {dims} needs {expectedBytes} bytes but data_offsets [{begin}, {end}] span {end - begin}");
        return new SafeTensorInfo(name, type, dims, begin, end);
    }

    /// <summary>Reads an array of non-negative integers into <paramref name="values"/> (cleared first).</summary>
    private static void ReadIntegers(ref Utf8JsonReader reader, string field, string where, string name, List<long> values)
    {
        if (Next(ref reader) != JsonTokenType.StartArray)
            throw Invalid(where, name, $"'{field}' must be an array, not a JSON {Kind(reader.TokenType)}");
        values.Clear();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value) || value < 0)
                throw Invalid(where, name, $"'{field}' entry {values.Count} ({Raw(ref reader)}) is not a non-negative integer");
            values.Add(value);
        }
    }

    /// <summary>The kind of value a token starts, as JSON names it ("Array" rather than "StartArray").</summary>
    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "Array",
        JsonTokenType.StartObject => "Object",
        _ => token.ToString(),
    };

    /// <summary>The current token's text, cut after 40 bytes.</summary>
    private static string Raw(ref Utf8JsonReader reader) =>
        Encoding.UTF8.GetString(reader.ValueSpan[..Math.Min(reader.ValueSpan.Length, 40)]);

    /// <summary>The shape these dimensions make; each positive, and all together no more elements than an array can hold.</summary>
    private static Shape ToShape(List<long> numbers, string where, string name)
    {
        Span<int> dims = numbers.Count <= 8 ? stackalloc int[numbers.Count] : new int[numbers.Count];
        long elements = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (numbers[i] == 0)
                throw Invalid(where, name, $"shape {BoundedText.Numbers(numbers)} is empty; SdfLearn tensors have at least one element");
            if (numbers[i] > Array.MaxLength || (elements *= numbers[i]) > Array.MaxLength)
                throw Invalid(where, name, $"shape {BoundedText.Numbers(numbers)} has more elements than an array can hold");
            dims[i] = (int)numbers[i];
        }
        return new Shape(dims);
    }

    /// <summary>An error about one tensor's entry, naming the file and the tensor (its name cut if long).</summary>
    private static InvalidDataException Invalid(string where, string name, string problem) =>
        new($"{where}, tensor {BoundedText.Quote(name)}: {problem}.");

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
                    $"{where}, tensor {BoundedText.Quote(info.Name)}: data_offsets [{info.Begin}, {info.End}] run past the end of the {dataLength}-byte data buffer (file truncated?).");
            if (info.Begin < expectedBegin)
                throw new InvalidDataException($"{where}: tensors {BoundedText.Quote(previous!.Name)} and {BoundedText.Quote(info.Name)} overlap.");
            if (info.Begin > expectedBegin)
                throw new InvalidDataException(previous is null
                    ? $"{where}, tensor {BoundedText.Quote(info.Name)}: the data buffer has {info.Begin} unused bytes before it."
                    : $"{where}: {info.Begin - expectedBegin} unused bytes between tensors {BoundedText.Quote(previous.Name)} and {BoundedText.Quote(info.Name)}.");
            expectedBegin = info.End;
            previous = info;
        }
        if (expectedBegin != dataLength)
            throw new InvalidDataException($"{where}: the data buffer is {dataLength} bytes but the tensors use {expectedBegin}.");
    }
}
