using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Reads PLY meshes (ASCII, binary little- and big-endian): the <c>vertex</c> element's x, y, z (any numeric type),
/// its nx, ny, nz as <see cref="TriangleMesh.Normals"/> when it has all three, and the <c>face</c> element's <c>vertex_indices</c> (or <c>vertex_index</c>) lists, polygons fan-triangulated; other
/// elements and properties are skipped. Memory stays bounded by the file's size: a header count is never trusted for
/// allocation beyond what the remaining bytes can hold.
/// </summary>
public static class PlyReader
{
    private const int MaxHeaderBytes = 1 << 20;

    /// <summary>Reads the PLY file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is malformed, truncated, holds a non-finite coordinate or a bad index; the message names the file and the line or byte offset.</exception>
    public static TriangleMesh Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a PLY mesh from <paramref name="stream"/>; <paramref name="name"/> names the source in error messages.</summary>
    /// <exception cref="InvalidDataException">The data is malformed (see <see cref="Read(string)"/>).</exception>
    public static TriangleMesh Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var input = new BufferedStream(stream, 1 << 16);
        long start = stream.CanSeek ? stream.Position : 0;
        var (encoding, elements, headerLines, headerBytes) = ReadHeader(input, name);
        long remaining = stream.CanSeek ? stream.Length - start - headerBytes : long.MaxValue;
        IValueSource source = encoding == PlyEncoding.Ascii
            ? new TextSource(input, name, headerLines)
            : new BinarySource(input, name, headerBytes, encoding == PlyEncoding.BinaryLittleEndian);

        List<Vector3>? positions = null, normals = null;
        List<int>? indices = null;
        foreach (var element in elements)
        {
            long minimumBytes = encoding == PlyEncoding.Ascii ? 2L * element.Properties.Count : element.Properties.Sum(p => (long)(p.IsList ? p.CountType : p.Type).Size());
            if (minimumBytes > 0 && element.Count > remaining / minimumBytes)
                throw new InvalidDataException(
                    $"{name}: the header declares {element.Count} '{element.Name}' elements of at least {minimumBytes} bytes each, but only {remaining} bytes follow the header (truncated file?).");
            int capacity = (int)Math.Min(element.Count, 1 << 20);
            if (element.Name == "vertex")
            {
                positions = new List<Vector3>(capacity);
                normals = ReadVertices(source, element, positions, name);
            }
            else if (element.Name == "face")
            {
                if (positions is null) throw new InvalidDataException($"{name}: the face element comes before the vertex element.");
                indices = new List<int>(capacity * 3);
                ReadFaces(source, element, positions.Count, indices);
            }
            else
            {
                for (long row = 0; row < element.Count; row++) SkipRow(source, element);
            }
        }
        if (positions is null) throw new InvalidDataException($"{name}: no vertex element.");
        return new TriangleMesh([.. positions], indices is null ? [] : [.. indices], normals?.ToArray());
    }

    /// <summary>Reads the vertex rows' x, y, z into <paramref name="positions"/>; returns their nx, ny, nz, or null when the element lacks one of them.</summary>
    private static List<Vector3>? ReadVertices(IValueSource source, PlyElement element, List<Vector3> positions, string name)
    {
        int Scalar(string property) => element.Properties.FindIndex(p => p.Name == property && !p.IsList);
        int[] slots = [Scalar("x"), Scalar("y"), Scalar("z"), Scalar("nx"), Scalar("ny"), Scalar("nz")];
        if (slots[0] < 0 || slots[1] < 0 || slots[2] < 0) throw new InvalidDataException($"{name}: the vertex element lacks an x, y or z property.");
        bool hasNormals = slots[3] >= 0 && slots[4] >= 0 && slots[5] >= 0;
        var normals = hasNormals ? new List<Vector3>(positions.Capacity) : null;
        Span<float> values = stackalloc float[6];
        for (long row = 0; row < element.Count; row++)
        {
            for (int k = 0; k < element.Properties.Count; k++)
            {
                var property = element.Properties[k];
                if (property.IsList)
                {
                    SkipList(source, property);
                    continue;
                }
                string where = source.Where;
                double value = source.Read(property.Type);
                int slot = Array.IndexOf(slots, k);
                if (slot < 0 || slot >= 3 && !hasNormals) continue;
                // Checked as a float: a double beyond float's range would be infinite in the mesh.
                if (!float.IsFinite((float)value)) throw source.Error($"vertex {row} has a non-finite {(slot < 3 ? "coordinate" : "normal component")} {value}", where);
                values[slot] = (float)value;
            }
            positions.Add(new Vector3(values[0], values[1], values[2]));
            normals?.Add(new Vector3(values[3], values[4], values[5]));
        }
        return normals;
    }

    private static void ReadFaces(IValueSource source, PlyElement element, int vertexCount, List<int> indices)
    {
        int list = element.Properties.FindIndex(p => p.IsList && p.Name is "vertex_indices" or "vertex_index");
        if (list < 0) throw source.Error("the face element has no vertex_indices list", source.Where);
        for (long row = 0; row < element.Count; row++)
        {
            for (int k = 0; k < element.Properties.Count; k++)
            {
                var property = element.Properties[k];
                if (k != list)
                {
                    if (property.IsList) SkipList(source, property);
                    else source.Read(property.Type);
                    continue;
                }
                string where = source.Where;
                long count = ReadCount(source, property);
                if (count < 3) throw source.Error($"face {row} has {count} vertices; a face needs at least 3", where);
                int first = 0, previous = 0;
                for (long i = 0; i < count; i++)
                {
                    where = source.Where;
                    double value = source.Read(property.Type);
                    if (!(value >= 0 && value < vertexCount) || value != Math.Floor(value))
                        throw source.Error($"face {row} refers to vertex {value}, but there are {vertexCount}", where);
                    int index = (int)value;
                    if (i == 0) first = index;
                    else if (i >= 2) indices.AddRange([first, previous, index]);
                    previous = index;
                }
            }
        }
    }

    private static void SkipRow(IValueSource source, PlyElement element)
    {
        foreach (var property in element.Properties)
        {
            if (property.IsList) SkipList(source, property);
            else source.Read(property.Type);
        }
    }

    private static void SkipList(IValueSource source, PlyProperty property)
    {
        long count = ReadCount(source, property);
        for (long i = 0; i < count; i++) source.Read(property.Type);
    }

    private static long ReadCount(IValueSource source, PlyProperty property)
    {
        string where = source.Where;
        double count = source.Read(property.CountType);
        if (!(count >= 0) || count != Math.Floor(count)) throw source.Error($"list length {count} is not a count", where);
        return (long)count;
    }

    private static (PlyEncoding Encoding, List<PlyElement> Elements, int Lines, long Bytes) ReadHeader(Stream input, string name)
    {
        var elements = new List<PlyElement>();
        PlyEncoding? encoding = null;
        var line = new StringBuilder();
        long bytes = 0;
        int lineNumber = 0;
        while (true)
        {
            line.Clear();
            while (true)
            {
                int b = input.ReadByte();
                if (b < 0) throw new InvalidDataException($"{name}, line {lineNumber + 1}: the file ends inside the PLY header (no end_header).");
                if (++bytes > MaxHeaderBytes) throw new InvalidDataException($"{name}: the PLY header is longer than {MaxHeaderBytes} bytes.");
                if (b == '\n') break;
                if (b != '\r') line.Append((char)b);
            }
            lineNumber++;
            var words = line.ToString().Split(' ', '\t').Where(w => w.Length > 0).ToArray();
            InvalidDataException Bad(string message) => new($"{name}, line {lineNumber}: {message}.");
            if (lineNumber == 1)
            {
                if (words is not ["ply"]) throw Bad("not a PLY file (the first line is not 'ply')");
                continue;
            }
            if (words.Length == 0 || words[0] is "comment" or "obj_info") continue;
            switch (words[0])
            {
                case "format":
                    encoding = words is [_, var kind, "1.0"] ? kind switch
                    {
                        "ascii" => PlyEncoding.Ascii,
                        "binary_little_endian" => PlyEncoding.BinaryLittleEndian,
                        "binary_big_endian" => PlyEncoding.BinaryBigEndian,
                        _ => throw Bad($"unknown format '{kind}'"),
                    } : throw Bad("expected 'format <ascii|binary_little_endian|binary_big_endian> 1.0'");
                    break;
                case "element":
                    if (words.Length != 3 || !long.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out long count))
                        throw Bad("expected 'element <name> <count>'");
                    elements.Add(new PlyElement(words[1], count, []));
                    break;
                case "property":
                    if (elements.Count == 0) throw Bad("a property before any element");
                    elements[^1].Properties.Add(words switch
                    {
                        [_, "list", var countType, var itemType, var property] =>
                            new PlyProperty(property, ParseType(itemType, Bad), true, ParseType(countType, Bad)),
                        [_, var type, var property] => new PlyProperty(property, ParseType(type, Bad), false, PlyScalar.UInt8),
                        _ => throw Bad("expected 'property <type> <name>' or 'property list <count type> <type> <name>'"),
                    });
                    break;
                case "end_header":
                    return (encoding ?? throw Bad("end_header before any format line"), elements, lineNumber, bytes);
                default:
                    throw Bad($"unknown header keyword '{words[0]}'");
            }
        }
    }

    private static PlyScalar ParseType(string type, Func<string, InvalidDataException> bad) => type switch
    {
        "char" or "int8" => PlyScalar.Int8,
        "uchar" or "uint8" => PlyScalar.UInt8,
        "short" or "int16" => PlyScalar.Int16,
        "ushort" or "uint16" => PlyScalar.UInt16,
        "int" or "int32" => PlyScalar.Int32,
        "uint" or "uint32" => PlyScalar.UInt32,
        "float" or "float32" => PlyScalar.Float32,
        "double" or "float64" => PlyScalar.Float64,
        _ => throw bad($"unknown property type '{type}'"),
    };

    private sealed record PlyElement(string Name, long Count, List<PlyProperty> Properties);

    private sealed record PlyProperty(string Name, PlyScalar Type, bool IsList, PlyScalar CountType);

    private enum PlyScalar { Int8, UInt8, Int16, UInt16, Int32, UInt32, Float32, Float64 }

    private static int Size(this PlyScalar type) => type switch
    {
        PlyScalar.Int8 or PlyScalar.UInt8 => 1,
        PlyScalar.Int16 or PlyScalar.UInt16 => 2,
        PlyScalar.Int32 or PlyScalar.UInt32 or PlyScalar.Float32 => 4,
        _ => 8,
    };

    /// <summary>Values in file order, and where the next one starts (for error messages).</summary>
    private interface IValueSource
    {
        string Where { get; }

        double Read(PlyScalar type);

        InvalidDataException Error(string message, string where);
    }

    private sealed class BinarySource(Stream input, string name, long offset, bool littleEndian) : IValueSource
    {
        private readonly byte[] _buffer = new byte[8];

        public string Where => $"byte offset {offset}";

        public InvalidDataException Error(string message, string where) => new($"{name}, {where}: {message}.");

        public double Read(PlyScalar type)
        {
            int size = type.Size();
            var bytes = _buffer.AsSpan(0, size);
            int read = input.ReadAtLeast(bytes, size, throwOnEndOfStream: false);
            if (read < size) throw Error("the file ends in the middle of the data (truncated)", Where);
            offset += size;
            return type switch
            {
                PlyScalar.Int8 => (sbyte)bytes[0],
                PlyScalar.UInt8 => bytes[0],
                PlyScalar.Int16 => littleEndian ? BinaryPrimitives.ReadInt16LittleEndian(bytes) : BinaryPrimitives.ReadInt16BigEndian(bytes),
                PlyScalar.UInt16 => littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16BigEndian(bytes),
                PlyScalar.Int32 => littleEndian ? BinaryPrimitives.ReadInt32LittleEndian(bytes) : BinaryPrimitives.ReadInt32BigEndian(bytes),
                PlyScalar.UInt32 => littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes),
                PlyScalar.Float32 => littleEndian ? BinaryPrimitives.ReadSingleLittleEndian(bytes) : BinaryPrimitives.ReadSingleBigEndian(bytes),
                _ => littleEndian ? BinaryPrimitives.ReadDoubleLittleEndian(bytes) : BinaryPrimitives.ReadDoubleBigEndian(bytes),
            };
        }
    }

    private sealed class TextSource(Stream input, string name, int headerLines) : IValueSource
    {
        private readonly StreamReader _reader = new(input, Encoding.ASCII, false, 1 << 16);
        private string _line = "";
        private int _position;
        private int _lineNumber = headerLines;

        public string Where => $"line {_lineNumber + (_position >= _line.Length ? 1 : 0)}";

        public InvalidDataException Error(string message, string where) => new($"{name}, {where}: {message}.");

        public double Read(PlyScalar type)
        {
            while (true)
            {
                while (_position < _line.Length && char.IsWhiteSpace(_line[_position])) _position++;
                if (_position < _line.Length) break;
                _line = _reader.ReadLine() ?? throw Error("the file ends in the middle of the data (truncated)", Where);
                _lineNumber++;
                _position = 0;
            }
            int start = _position;
            while (_position < _line.Length && !char.IsWhiteSpace(_line[_position])) _position++;
            var token = _line.AsSpan(start, _position - start);
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw Error($"'{token}' is not a number", $"line {_lineNumber}");
            if (type is not (PlyScalar.Float32 or PlyScalar.Float64) && value != Math.Floor(value))
                throw Error($"'{token}' is not an integer", $"line {_lineNumber}");
            return value;
        }
    }
}
