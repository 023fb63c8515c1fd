using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using SdfLearn.Core;
using SdfLearn.Nn.Serialization;

namespace SdfLearn.Tests.Nn.Serialization;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-safetensors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Dictionary<string, Tensor<float>> SampleTensors() => new()
    {
        ["encoder.layers.0.weight"] = Tensor<float>.FromValues([1.5f, -2f, 3.25f, float.MaxValue, float.Epsilon, -0f], 2, 3),
        ["encoder.layers.0.bias"] = Tensor<float>.FromValues([0.1f, 0.2f, 0.3f], 3),
        ["step"] = new Tensor<float>([42f], new Shape(ReadOnlySpan<int>.Empty)),
    };

    private static byte[] Serialize<T>(Dictionary<string, Tensor<T>> tensors, Dictionary<string, string>? metadata = null)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        SafeTensorsWriter.Write(stream, tensors, metadata);
        return stream.ToArray();
    }

    /// <summary>Builds a file by hand from a header string and a data buffer, to feed the reader malformed input.</summary>
    private static byte[] RawFile(string header, int dataBytes, ulong? declaredLength = null)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }

    [Fact]
    public void SaveThenLoad_RoundTripsValuesShapesAndMetadata()
    {
        string path = Path.Combine(_folder, "model.safetensors");
        var tensors = SampleTensors();
        SafeTensorsWriter.Save(path, tensors, new Dictionary<string, string> { ["epoch"] = "3", ["note"] = "é ✓" });

        var file = SafeTensorsFile.Load(path);

        Assert.Equal(tensors.Keys, file.Names);
        Assert.Equal("3", file.Metadata["epoch"]);
        Assert.Equal("é ✓", file.Metadata["note"]);
        foreach (var (name, expected) in tensors)
        {
            var actual = file.Read<float>(name);
            Assert.Equal(expected.Shape, actual.Shape);
            Assert.Equal(expected.ToArray(), actual.ToArray());
            Assert.Equal(SafeTensorsDType.F32, file.Info(name).DType);
        }
        Assert.Equal(0, file.Info("step").Shape.Rank);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Write_PadsHeaderWithSpacesToEightBytes()
    {
        byte[] bytes = Serialize(SampleTensors());
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, headerLength % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.StartsWith("{", header);
        Assert.Equal(header.TrimEnd(' ').Length, header.TrimEnd(' ').LastIndexOf('}') + 1);
        using var doc = JsonDocument.Parse(header);
        var bias = doc.RootElement.GetProperty("encoder.layers.0.bias");
        Assert.Equal("F32", bias.GetProperty("dtype").GetString());
        Assert.Equal([24L, 36L], bias.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public void Read_ConvertsBetweenFloatAndDouble()
    {
        var doubles = new Dictionary<string, Tensor<double>> { ["x"] = Tensor<double>.FromValues([0.1, 1e300, -2.5], 3) };
        var file = SafeTensorsFile.Parse(Serialize(doubles));
        Assert.Equal(SafeTensorsDType.F64, file.Info("x").DType);
        Assert.Equal([0.1f, float.PositiveInfinity, -2.5f], file.Read<float>("x").ToArray());
        Assert.Equal([0.1, 1e300, -2.5], file.Read<double>("x").ToArray());
    }

    [Fact]
    public void Save_OverwritesAtomicallyAndLeavesNothingOnFailure()
    {
        string path = Path.Combine(_folder, "ckpt.safetensors");
        SafeTensorsWriter.Save(path, SampleTensors());
        byte[] before = File.ReadAllBytes(path);

        var bad = new List<KeyValuePair<string, Tensor<float>>>
        {
            new("a", Tensor<float>.Zeros(2)),
            new("a", Tensor<float>.Zeros(3)),
        };
        var ex = Assert.Throws<ArgumentException>(() => SafeTensorsWriter.Save(path, bad));
        Assert.Contains("'a'", ex.Message);

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["ckpt.safetensors"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_RejectsReservedName() =>
        Assert.Throws<ArgumentException>(() => Serialize(new Dictionary<string, Tensor<float>> { ["__metadata__"] = Tensor<float>.Zeros(1) }));

    [Fact]
    public void Load_TruncatedFile_NamesTheTensorThatRunsPastTheEnd()
    {
        byte[] bytes = Serialize(SampleTensors());
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(bytes[..^3], "ckpt"));
        Assert.Contains("'step'", ex.Message);
        Assert.Contains("ckpt", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Load_FileShorterThanPrefix_Throws(int length)
    {
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(new byte[length]));
        Assert.Contains("8-byte", ex.Message);
    }

    [Fact]
    public void Load_HeaderLengthBeyondFile_Throws()
    {
        byte[] bytes = Serialize(SampleTensors());
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)bytes.Length);
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(bytes));
        Assert.Contains("header", ex.Message);
    }

    [Fact]
    public void Load_HugeHeaderLength_ThrowsWithoutAllocating()
    {
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(RawFile("{}", 0, declaredLength: ulong.MaxValue)));
        Assert.Contains("limit", ex.Message);
    }

    [Fact]
    public void Load_HeaderLengthTooShort_ReportsInvalidJson()
    {
        byte[] bytes = Serialize(SampleTensors());
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 16);
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(bytes));
        Assert.Contains("JSON", ex.Message);
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12, "overlap")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}""", 16, "unused bytes between tensors 'a' and 'b'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 12, "buffer is 12 bytes but the tensors use 8")]
    [InlineData("""{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8, "tensor 'a': F32 shape [3] needs 12 bytes")]
    [InlineData("""{"a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}""", 8, "tensor 'a': dtype 'I64' is not supported")]
    [InlineData("""{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}""", 0, "tensor 'a': shape [0] is empty")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", 4, "tensor 'a': 'shape' entry 0 (-1)")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}""", 4, "tensor 'a': data_offsets [4, 0] end before")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}""", 4, "tensor 'a': 'data_offsets' has 1 entries")]
    [InlineData("""{"a":{"shape":[1],"data_offsets":[0,4]}}""", 4, "tensor 'a': missing string field 'dtype'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "names 'a' twice")]
    [InlineData("""{"a":[1,2]}""", 0, "tensor 'a': the entry is a JSON Array")]
    [InlineData("""{"__metadata__":{"k":1}}""", 0, "metadata value 'k'")]
    [InlineData("""[1]                 """, 0, "does not start with '{'")]
    [InlineData("""{"a":{"dtype":"F32",""", 0, "not valid UTF-8 JSON")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2147483647,2147483647],"data_offsets":[0,4]}}""", 4, "more elements than an array can hold")]
    [InlineData("""{"\ud800":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 4, "a string that is not valid Unicode")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"__metadata__":{"k":"x\udc00"}}""", 4, "a string that is not valid Unicode")]
    [InlineData("""{"a":{"dtype":"\ud800","shape":[1],"data_offsets":[0,4]}}""", 4, "a string that is not valid Unicode")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}} x""", 4, "not valid UTF-8 JSON")]
    public void Load_MalformedHeader_GivesClearError(string header, int dataBytes, string expectedMessage)
    {
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(RawFile(header, dataBytes)));
        Assert.Contains(expectedMessage, ex.Message);
    }

    [Fact]
    public void Load_HeaderWithInvalidUtf8_Throws()
    {
        byte[] bytes = RawFile("{\"a\":1}", 0);
        bytes[10] = 0xFF;
        Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(bytes));
    }

    [Fact]
    public void Load_EmptyHeaderObject_GivesEmptyFile()
    {
        var file = SafeTensorsFile.Parse(RawFile("{}      ", 0));
        Assert.Empty(file.Tensors);
        Assert.Empty(file.Metadata);
    }

    /// <summary>A name or shape of any length is cut in the message, which stays short.</summary>
    [Fact]
    public void Load_HugeNameOrShape_KeepsTheMessageShort()
    {
        string name = new('n', 100_000), dims = string.Join(",", Enumerable.Repeat(1, 50_000));
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(RawFile($$$"""{"{{{name}}}":{"dtype":"I8","shape":[1],"data_offsets":[0,1]}}""", 1)));
        Assert.Contains("(100,000 characters)", ex.Message);
        Assert.True(ex.Message.Length < 400, ex.Message);
        ex = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(RawFile($$$"""{"a":{"dtype":"F32","shape":[{{{dims}}},0],"data_offsets":[0,0]}}""", 0)));
        Assert.Contains("(50,001 entries)", ex.Message);
        Assert.True(ex.Message.Length < 400, ex.Message);
    }

    /// <summary>
    /// A legal 15 MB file of 200,000 one-element tensors: parsing and reading every tensor must cost memory in
    /// proportion to the file (it allocated 287 MB, 17 times the file, when the header was parsed into a JSON document).
    /// </summary>
    [Fact]
    public void Load_ManySmallTensors_AllocatesInProportionToTheFile()
    {
        var tensors = Enumerable.Range(0, 200_000).ToDictionary(i => $"layers.{i}.scale", i => Tensor<float>.FromValues([i], 1));
        byte[] bytes = Serialize(tensors);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var file = SafeTensorsFile.Parse(bytes, "many.safetensors");
        var all = file.ReadAll<float>();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(199_999f, all["layers.199999.scale"].Span[0]);
        Assert.True(allocated < 5L * bytes.Length, $"{allocated:N0} bytes allocated for a {bytes.Length:N0}-byte file");
    }

    [Fact]
    public void Read_UnknownName_Throws() =>
        Assert.Contains("'nope'", Assert.Throws<KeyNotFoundException>(() => SafeTensorsFile.Parse(Serialize(SampleTensors())).Read<float>("nope")).Message);

    [Fact]
    public void Load_PythonWrittenFixture_MatchesItsFormulas()
    {
        var file = SafeTensorsFile.Load(RepositoryFiles.Find("SdfLearn.Tests/Nn/Serialization/Fixtures/python_written.safetensors"));

        Assert.Equal("pt", file.Metadata["format"]);
        var weight = file.Read<float>("encoder.layers.0.weight");
        Assert.Equal(new Shape(2, 1, 3, 3), weight.Shape);
        Assert.Equal(Enumerable.Range(0, 18).Select(i => i * 0.25f - 2f), weight.ToArray());
        var bias = file.Read<double>("encoder.layers.0.bias");
        Assert.Equal(SafeTensorsDType.F64, file.Info("encoder.layers.0.bias").DType);
        Assert.Equal([1.0 / 3, 1.0 / 4], bias.ToArray());
        var step = file.Read<float>("step");
        Assert.Equal(0, step.Rank);
        Assert.Equal(7f, step.Span[0]);
    }

    [Fact]
    public void PythonReader_ReadsOurFile_WhenPythonIsAvailable()
    {
        string path = Path.Combine(_folder, "ours.safetensors");
        var tensors = SampleTensors();
        tensors.Remove("encoder.layers.0.weight"); // keep values that JSON prints exactly
        tensors["w"] = Tensor<float>.FromValues([0.5f, -1.25f, 3f, 1024f], 2, 2);
        SafeTensorsWriter.Save(path, tensors, new Dictionary<string, string> { ["k"] = "v" });

        string? output = RunPython(RepositoryFiles.Find("scripts/interop/safetensors_interop.py"), "read", path);
        if (output is null) return; // python3 absent: the independent reader cannot run here.

        using var doc = JsonDocument.Parse(output);
        Assert.Equal("v", doc.RootElement.GetProperty("metadata").GetProperty("k").GetString());
        var read = doc.RootElement.GetProperty("tensors");
        foreach (var (name, tensor) in tensors)
        {
            var entry = read.GetProperty(name);
            Assert.Equal("F32", entry.GetProperty("dtype").GetString());
            Assert.Equal(tensor.Shape.Dims.ToArray(), entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(tensor.ToArray(), entry.GetProperty("values").EnumerateArray().Select(e => (float)e.GetDouble()));
        }
    }

    private static string? RunPython(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        using (process)
        {
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"python3 failed: {error}");
            return output;
        }
    }
}
