using System.Numerics;
using System.Text.Json;
using SdfLearn.Cli;
using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Tests.Cli;

/// <summary>The 3D commands run end to end on small inputs and refuse bad ones with one line.</summary>
public sealed class GeometryCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-geometry-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int ExitCode, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        int code = App.Run(args, error);
        Assert.DoesNotContain("   at ", error.ToString());
        return (code, error.ToString());
    }

    [Fact]
    public void FitMeshWritesTheMeshesPicturesMetricsAndWeights()
    {
        string mesh = Path.Combine(_folder, "torus.obj"), output = Path.Combine(_folder, "fit");
        MeshFile.Write(mesh, ParametricMeshes.Torus(new Torus(new Vector3(1, 2, 3), 2f, 0.8f), 32, 16));
        var (code, error) = Run("fit-mesh", "--mesh", mesh, "--out", output, "--samples", "8192", "--epochs", "2", "--width", "16",
            "--layers", "2", "--batch-size", "1024", "--resolution", "16", "--threads", "1");
        Assert.True(code == 0, error);
        foreach (string file in new[] { "mesh.obj", "mesh.ply", "render.png", "slice.png", "metrics.json", "checkpoint.safetensors" })
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal(8192, metrics.RootElement.GetProperty("samples").GetInt32());
        Assert.True(metrics.RootElement.GetProperty("wall_seconds").GetDouble() > 0);
    }

    [Fact]
    public void FitMeshNamesTheLineOfAMalformedMesh()
    {
        string mesh = Path.Combine(_folder, "bad.obj");
        File.WriteAllText(mesh, "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 9\n");
        var (code, error) = Run("fit-mesh", "--mesh", mesh, "--out", Path.Combine(_folder, "never"));
        Assert.Equal(1, code);
        Assert.Contains("bad.obj, line 4", error);
        Assert.False(Directory.Exists(Path.Combine(_folder, "never")));
    }

    [Fact]
    public void InterpolateShapesRefusesAFolderThatIsNotARun()
    {
        var (code, error) = Run("interpolate-shapes", "--run", _folder);
        Assert.Equal(1, code);
        Assert.Contains("is not a train-shapes run", error);
    }
}
