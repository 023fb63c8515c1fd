using System.Numerics;
using System.Text;
using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Fuzz;

/// <summary>
/// The GLB mesh reader (<see cref="GlbReader"/>) on mutants of two files: a tetrahedron with vertex normals as
/// <see cref="GlbWriter"/> writes it, and one with a node hierarchy (TRS, matrix, mirror), an interleaved strided view, byte indices and a
/// non-indexed primitive. Half the cases mutate the JSON chunk alone, with glTF tokens among the mutations, and
/// rebuild the container so the damage reaches the JSON walk rather than the chunk checks.
/// </summary>
public sealed class GlbTarget : ReaderTarget
{
    private const string HierarchyJson = """
        {"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0,2]}],
        "nodes":[{"children":[1],"translation":[1,2,3],"rotation":[0,0.6,0,0.8],"scale":[2,2,2]},
        {"mesh":0,"matrix":[1,0,0,0,0,1,0,0,0,0,1,0,0.5,0,0,1]},{"mesh":1,"scale":[-1,1,1]}],
        "meshes":[{"primitives":[{"attributes":{"POSITION":0,"NORMAL":1},"indices":2}]},{"primitives":[{"attributes":{"POSITION":3},"mode":4}]}],
        "accessors":[{"bufferView":0,"componentType":5126,"count":4,"type":"VEC3"},{"bufferView":0,"byteOffset":12,"componentType":5126,"count":4,"type":"VEC3"},
        {"bufferView":1,"componentType":5121,"count":12,"type":"SCALAR"},{"bufferView":2,"componentType":5126,"count":12,"type":"VEC3"}],
        "bufferViews":[{"buffer":0,"byteLength":96,"byteStride":24},{"buffer":0,"byteOffset":96,"byteLength":12},{"buffer":0,"byteOffset":108,"byteLength":144}],
        "buffers":[{"byteLength":252}]}
        """;

    private static readonly Vector3[] Corners = [new(0, 0, 0), new(1, 0, 0), new(0, 1, 0), new(0, 0, 1.5f)];
    private static readonly int[] Faces = [0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3];

    private readonly (byte[] Json, byte[] Bin)[] _seeds;
    private readonly Mutator _bytes = new();
    private readonly Mutator _json = new(
        "\\ud800", "\"", "{", "}", "[", "]", ",", ":", "-1", "0", "1", "3", "255", "65535", "1e39", "4294967296", "null", "[]", "{}",
        "\"mode\":1,", "\"mode\":5,", "\"byteStride\":4,", "\"byteStride\":252,", "\"byteOffset\":4,", "\"count\":100000,", "\"sparse\":{},",
        "\"uri\":\"a.bin\",", "\"children\":[0],", "\"children\":[1,2],", "\"mesh\":1,", "\"indices\":3,", "\"componentType\":5125,",
        "\"componentType\":5123,", "\"type\":\"SCALAR\",", "\"matrix\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],", "\"rotation\":[0,0,0,0],",
        "\"extensionsRequired\":[\"KHR_draco_mesh_compression\"],", "{\"mesh\":0},");

    /// <summary>Builds the two seed files.</summary>
    public GlbTarget()
    {
        var written = new MemoryStream();
        var tetrahedron = new TriangleMesh(Corners, Faces);
        GlbWriter.Write(written, tetrahedron.WithNormals(VertexNormals.FromFaces(tetrahedron)));
        var (json, bin) = GlbContainer.Split(written.ToArray(), "seed.glb");
        _seeds = [(json.ToArray(), bin.ToArray()), (Encoding.UTF8.GetBytes(HierarchyJson), HierarchyBin())];
    }

    /// <inheritdoc />
    public override string Name => "glb";

    /// <inheritdoc />
    public override FuzzCase Next(Random random)
    {
        int seed = random.Next(_seeds.Length);
        var (json, bin) = _seeds[seed];
        var input = random.Next(2) == 0 ? _bytes.Mutate(Container(json, bin), random) : Container(_json.Mutate(json, random), bin);
        return new FuzzCase(input, input.Length, null, seed);
    }

    /// <inheritdoc />
    public override byte[] Read(FuzzCase fuzzCase)
    {
        GlbReader.Read(new MemoryStream(fuzzCase.Input, writable: false), "fuzz.glb");
        return [];
    }

    private static byte[] Container(byte[] json, byte[] bin)
    {
        var output = new MemoryStream();
        GlbContainer.Write(output, json, bin);
        return output.ToArray();
    }

    /// <summary>Positions interleaved with +Z normals (stride 24), byte indices, then each triangle's corners spelt out.</summary>
    private static byte[] HierarchyBin()
    {
        var bin = new BinaryWriter(new MemoryStream());
        foreach (var p in Corners)
        {
            WriteVector(bin, p);
            WriteVector(bin, Vector3.UnitZ);
        }
        foreach (int index in Faces) bin.Write((byte)index);
        foreach (int index in Faces) WriteVector(bin, Corners[index]);
        return ((MemoryStream)bin.BaseStream).ToArray();
    }

    private static void WriteVector(BinaryWriter bin, Vector3 v)
    {
        bin.Write(v.X);
        bin.Write(v.Y);
        bin.Write(v.Z);
    }
}
