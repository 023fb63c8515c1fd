using System.Buffers.Binary;
using System.Text;
using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Tests.Sdf.Geometry;

/// <summary>
/// What GlbReader refuses: every case is an <see cref="InvalidDataException"/> naming the file and the problem. The
/// JSON cases edit one fragment of a valid one-triangle file, so each test breaks exactly one thing.
/// </summary>
public class GlbRefusalTests
{
    private const string ValidJson = """
        {"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],"nodes":[{"mesh":0}],
        "meshes":[{"primitives":[{"attributes":{"POSITION":0},"indices":1,"mode":4}]}],
        "accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3"},{"bufferView":1,"componentType":5123,"count":3,"type":"SCALAR"}],
        "bufferViews":[{"buffer":0,"byteOffset":0,"byteLength":36},{"buffer":0,"byteOffset":36,"byteLength":6}],
        "buffers":[{"byteLength":42}]}
        """;

    /// <summary>Three vertices (0,0,0), (1,0,0), (0,1,0), then u16 indices 0, 1, <paramref name="lastIndex"/>.</summary>
    private static byte[] Bin(ushort lastIndex = 2)
    {
        var bin = new byte[42];
        BinaryPrimitives.WriteSingleLittleEndian(bin.AsSpan(12), 1f);
        BinaryPrimitives.WriteSingleLittleEndian(bin.AsSpan(28), 1f);
        BinaryPrimitives.WriteUInt16LittleEndian(bin.AsSpan(38), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(bin.AsSpan(40), lastIndex);
        return bin;
    }

    private static byte[] Glb(string json, byte[] bin)
    {
        var stream = new MemoryStream();
        GlbContainer.Write(stream, Encoding.UTF8.GetBytes(json), bin);
        return stream.ToArray();
    }

    private static string Refusal(byte[] bytes)
    {
        var error = Assert.Throws<InvalidDataException>(() => GlbReader.Read(new MemoryStream(bytes), "bad.glb"));
        Assert.StartsWith("bad.glb", error.Message);
        return error.Message;
    }

    [Fact]
    public void TheValidFileReads()
    {
        var mesh = GlbReader.Read(new MemoryStream(Glb(ValidJson, Bin())), "good.glb");
        Assert.Equal([0, 1, 2], mesh.Indices);
        Assert.Equal(new System.Numerics.Vector3(0, 1, 0), mesh.Positions[2]);
    }

    [Fact]
    public void AFileWithoutScenesGivesEachMeshOnceUntransformed()
    {
        string library = ValidJson.Replace("\"scene\":0,\"scenes\":[{\"nodes\":[0]}],\"nodes\":[{\"mesh\":0}],", "");
        Assert.NotEqual(ValidJson, library);
        Assert.Equal([0, 1, 2], GlbReader.Read(new MemoryStream(Glb(library, Bin())), "library.glb").Indices);
    }

    [Theory]
    [InlineData("\"mode\":4", "\"mode\":1", "mode 1 (LINES)")]
    [InlineData("\"mode\":4", "\"mode\":5", "mode 5 (TRIANGLE_STRIP)")]
    [InlineData("\"buffers\":[{", "\"buffers\":[{\"uri\":\"mesh.bin\",", "convert to .glb with embedded buffer")]
    [InlineData("\"buffers\":[{", "\"buffers\":[{\"uri\":\"data:application/octet-stream;base64,AAAA\",", "external or data-URI buffer")]
    [InlineData("\"type\":\"VEC3\"", "\"type\":\"VEC3\",\"sparse\":{\"count\":1}", "accessors[0] (used by meshes[0].primitives[0] under nodes[0]) is sparse")]
    [InlineData("\"asset\"", "\"extensionsRequired\":[\"KHR_draco_mesh_compression\"],\"asset\"", "KHR_draco_mesh_compression")]
    [InlineData("\"asset\"", "\"extensionsRequired\":[\"KHR_materials_unlit\",\"EXT_meshopt_compression\"],\"asset\"", "EXT_meshopt_compression")]
    [InlineData("\"count\":3,\"type\":\"VEC3\"", "\"count\":4,\"type\":\"VEC3\"", "accessors[0] overruns bufferViews[0]")]
    [InlineData("\"byteLength\":36}", "\"byteLength\":36,\"byteStride\":16}", "accessors[0] overruns bufferViews[0]")]
    [InlineData("\"byteLength\":6}", "\"byteLength\":60}", "bufferViews[1] overruns buffers[0]")]
    [InlineData("\"byteLength\":42}", "\"byteLength\":420}", "declares 420 bytes, but the BIN chunk holds 44")]
    [InlineData("\"count\":3,\"type\":\"SCALAR\"", "\"count\":2,\"type\":\"SCALAR\"", "not a whole number of triangles")]
    [InlineData("\"componentType\":5126", "\"componentType\":5123", "is not float VEC3 positions")]
    [InlineData("\"type\":\"SCALAR\"", "\"type\":\"VEC2\"", "is not unsigned byte, short or int scalar indices")]
    [InlineData("{\"POSITION\":0}", "{\"NORMAL\":0}", "has no POSITION attribute")]
    [InlineData("[{\"mesh\":0}]", "[{\"mesh\":0,\"children\":[0]}]", "nodes[0] is reached twice")]
    [InlineData("[{\"mesh\":0}]", "[{\"mesh\":9}]", "nodes[0].mesh is 9, but there are 1 meshes")]
    [InlineData("[{\"mesh\":0}]", "[{\"mesh\":0,\"scale\":[1e39,1,1]}]", "nodes[0].scale[0] is '1e39', not a finite number")]
    [InlineData("[{\"mesh\":0}]", "[{\"mesh\":0,\"rotation\":[0,0,0,0]}]", "not a rotation")]
    [InlineData("\"byteOffset\":36", "\"byteOffset\":-4", "bufferViews[1].byteOffset is '-4'; expected an integer")]
    [InlineData("\"bufferView\":1,", "", "accessors[1] (used by meshes[0].primitives[0] under nodes[0]) has no bufferView")]
    [InlineData("\"asset\"", "asset", "not valid JSON")]
    [InlineData("\"type\":\"VEC3\"", "\"type\":\"\\udc00\"", "not valid Unicode")]
    public void EachBrokenPartIsNamed(string fragment, string replacement, string expected)
    {
        Assert.Contains(fragment, ValidJson);
        Assert.Contains(expected, Refusal(Glb(ValidJson.Replace(fragment, replacement), Bin())));
    }

    [Fact]
    public void NormalsAreReadFromAFloatNormalAccessorWhoseCountIsThePositions()
    {
        // A third accessor, NORMAL, over the positions' own bytes: (0,0,0) stays zero, the others are unit already.
        string withNormals = ValidJson.Replace("{\"POSITION\":0}", "{\"POSITION\":0,\"NORMAL\":2}")
            .Replace("\"type\":\"SCALAR\"}]", "\"type\":\"SCALAR\"},{\"bufferView\":0,\"componentType\":5126,\"count\":3,\"type\":\"VEC3\"}]");
        Assert.NotEqual(ValidJson, withNormals);
        var mesh = GlbReader.Read(new MemoryStream(Glb(withNormals, Bin())), "normals.glb");
        Assert.Equal([System.Numerics.Vector3.Zero, System.Numerics.Vector3.UnitX, System.Numerics.Vector3.UnitY], mesh.Normals!);

        Assert.Contains("meshes[0].primitives[0].attributes.NORMAL (accessors[2]) has 2 normals, but POSITION (accessors[0]) has 3 vertices; they must match",
            Refusal(Glb(withNormals.Replace("\"count\":3,\"type\":\"VEC3\"}]", "\"count\":2,\"type\":\"VEC3\"}]"), Bin())));
        Assert.Contains("accessors[2] overruns bufferViews[0]",
            Refusal(Glb(withNormals.Replace("\"count\":3,\"type\":\"VEC3\"}]", "\"byteOffset\":12,\"count\":3,\"type\":\"VEC3\"}]"), Bin())));
        // Two primitives sharing the vertices, one with NORMAL and one without: shared as before, without normals.
        string twice = withNormals.Replace("\"mode\":4}]", "\"mode\":4},{\"attributes\":{\"POSITION\":0},\"indices\":1}]");
        Assert.NotEqual(withNormals, twice);
        var both = GlbReader.Read(new MemoryStream(Glb(twice, Bin())), "twice.glb");
        Assert.Equal(3, both.VertexCount);
        Assert.Equal([0, 1, 2, 0, 1, 2], both.Indices);
        Assert.Null(both.Normals);
        // Normals of another type (KHR_mesh_quantization's shorts) are left unread, as before normals were read.
        string shorts = withNormals.Replace("\"componentType\":5126,\"count\":3,\"type\":\"VEC3\"}]", "\"componentType\":5122,\"normalized\":true,\"count\":3,\"type\":\"VEC3\"}]");
        Assert.NotEqual(withNormals, shorts);
        Assert.Null(GlbReader.Read(new MemoryStream(Glb(shorts, Bin())), "shorts.glb").Normals);
    }

    [Fact]
    public void AHugeValueIsQuotedShortInTheMessage()
    {
        string message = Refusal(Glb(ValidJson.Replace("\"VEC3\"", $"\"{new string('x', 100_000)}\""), Bin()));
        Assert.Contains("100,002 characters", message);
        Assert.True(message.Length < 400, message);
    }

    [Fact]
    public void AnIndexPastTheVerticesIsRefused() =>
        Assert.Contains("accessors[1] element 2 is vertex index 7, out of range: the primitive has 3 vertices", Refusal(Glb(ValidJson, Bin(lastIndex: 7))));

    [Fact]
    public void AFileWithoutItsBinChunkIsRefused() => Assert.Contains("missing BIN chunk", Refusal(Glb(ValidJson, [])));

    [Fact]
    public void ContainerDamageIsNamed()
    {
        var valid = Glb(ValidJson, Bin());
        Assert.Contains("not a binary glTF file", Refusal(Encoding.ASCII.GetBytes("ply\nformat ascii 1.0\n")));
        Assert.Contains("not a binary glTF file", Refusal(Encoding.UTF8.GetBytes(ValidJson)));

        var version1 = (byte[])valid.Clone();
        version1[4] = 1;
        Assert.Contains("GLB version 1", Refusal(version1));

        Assert.Contains("truncated", Refusal(valid[..^10]));

        var longChunk = (byte[])valid.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(longChunk.AsSpan(12), 1_000_000);
        Assert.Contains("byte offset 12: a 1000000-byte chunk", Refusal(longChunk));

        var binFirst = (byte[])valid.Clone();
        "BIN\0"u8.CopyTo(binFirst.AsSpan(16));
        Assert.Contains("the first chunk is of type 0x004E4942, not JSON", Refusal(binFirst));
    }
}
