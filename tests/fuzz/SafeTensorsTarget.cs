using System.Buffers.Binary;
using SdfLearn.Core;
using SdfLearn.Nn.Serialization;

namespace SdfLearn.Fuzz;

/// <summary>
/// The safetensors reader (<see cref="SafeTensorsFile.Parse"/>, then every tensor read) on mutants of two small
/// files (F32 and F64, with metadata). Half the cases mutate the JSON header alone, with JSON tokens among the
/// mutations, and fix the length prefix so the damage reaches the JSON parser.
/// </summary>
public sealed class SafeTensorsTarget : ReaderTarget
{
    private readonly byte[][] _seeds = [Seed<float>(), Seed<double>()];
    private readonly Mutator _bytes = new();
    private readonly Mutator _json = new(
        "\\ud800", "\\udc00", "\\u0000", "\"", "\\", "{", "}", "[", "]", ",", ":", "-1", "1e308", "0.5", "99999999999999999999",
        "4294967296", "\"F32\"", "\"F64\"", "\"I8\"", "\"__metadata__\"", "null", "true", "[]", "{}", "\"shape\":[]",
        "\"data_offsets\":[0,0]", "\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},");

    /// <inheritdoc />
    public override string Name => "safetensors";

    /// <inheritdoc />
    public override FuzzCase Next(Random random)
    {
        int seed = random.Next(_seeds.Length);
        var file = _seeds[seed];
        if (random.Next(2) == 0)
        {
            var input = _bytes.Mutate(file, random);
            return new FuzzCase(input, input.Length, null, seed);
        }
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        var header = _json.Mutate(file[8..(8 + headerLength)], random);
        var rebuilt = new byte[8 + header.Length + file.Length - 8 - headerLength];
        BinaryPrimitives.WriteUInt64LittleEndian(rebuilt, (ulong)header.Length);
        header.CopyTo(rebuilt, 8);
        file.AsSpan(8 + headerLength).CopyTo(rebuilt.AsSpan(8 + header.Length));
        return new FuzzCase(rebuilt, rebuilt.Length, null, seed);
    }

    /// <inheritdoc />
    public override byte[] Read(FuzzCase fuzzCase)
    {
        SafeTensorsFile.Parse(fuzzCase.Input, "fuzz.safetensors").ReadAll<float>();
        return [];
    }

    private static byte[] Seed<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(5);
        var tensors = new Dictionary<string, Tensor<T>>
        {
            ["encoder.weight"] = new(new Shape(4, 3)),
            ["encoder.bias"] = new(new Shape(4)),
            ["decoder.weight"] = new(new Shape(2, 4)),
        };
        foreach (var tensor in tensors.Values) random.FillUniform(tensor.Span, T.CreateTruncating(-1.0), T.One);
        var output = new MemoryStream();
        SafeTensorsWriter.Write(output, tensors, new Dictionary<string, string> { ["format"] = "pt", ["step"] = "12" });
        return output.ToArray();
    }
}
