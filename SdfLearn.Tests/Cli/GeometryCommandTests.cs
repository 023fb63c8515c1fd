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
        foreach (string file in new[] { "mesh.obj", "mesh.ply", "mesh.glb", "render.png", "slice.png", "metrics.json", "checkpoint.safetensors" })
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        var learnt = MeshFile.Read(Path.Combine(output, "mesh.obj"));
        Assert.Equal(learnt.Positions, MeshFile.Read(Path.Combine(output, "mesh.glb")).Positions);
        Assert.NotNull(learnt.Normals); // the field's normals by default, the same in all three files
        Assert.Equal(learnt.Normals, MeshFile.Read(Path.Combine(output, "mesh.glb")).Normals);
        Assert.Equal(learnt.Normals, MeshFile.Read(Path.Combine(output, "mesh.ply")).Normals);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal(8192, metrics.RootElement.GetProperty("samples").GetInt32());
        Assert.True(metrics.RootElement.GetProperty("wall_seconds").GetDouble() > 0);
    }

    [Fact]
    public void FitMeshLearnsAGlbMesh()
    {
        string mesh = Path.Combine(_folder, "torus.glb"), output = Path.Combine(_folder, "fit-glb");
        var torus = ParametricMeshes.Torus(new Torus(new Vector3(1, 2, 3), 2f, 0.8f), 32, 16);
        MeshFile.Write(mesh, torus);
        var (code, error) = Run("fit-mesh", "--mesh", mesh, "--out", output, "--samples", "4096", "--epochs", "1", "--width", "8",
            "--layers", "1", "--batch-size", "1024", "--resolution", "8", "--threads", "1", "--no-normals");
        Assert.True(code == 0, error);
        Assert.Null(MeshFile.Read(Path.Combine(output, "mesh.glb")).Normals);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal(mesh, metrics.RootElement.GetProperty("mesh").GetString());
        Assert.Equal(torus.Bounds.Diagonal, metrics.RootElement.GetProperty("box_diagonal").GetSingle());
    }

    [Theory]
    [InlineData("bad.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 9\n", "bad.obj, line 4")]
    [InlineData("text.glb", "{\"asset\":{\"version\":\"2.0\"}}", "text.glb: not a binary glTF file")]
    public void FitMeshNamesTheProblemInAMalformedMesh(string name, string content, string expected)
    {
        string mesh = Path.Combine(_folder, name);
        File.WriteAllText(mesh, content);
        var (code, error) = Run("fit-mesh", "--mesh", mesh, "--out", Path.Combine(_folder, "never"));
        Assert.Equal(1, code);
        Assert.Contains(expected, error);
        Assert.False(Directory.Exists(Path.Combine(_folder, "never")));
    }

    [Fact]
    public void InterpolateShapesRefusesAFolderThatIsNotARun()
    {
        var (code, error) = Run("interpolate-shapes", "--run", _folder);
        Assert.Equal(1, code);
        Assert.Contains("is not a train-shapes run", error);
    }

    [Theory]
    [InlineData("eikonal weight must be finite and not negative", "train-shapes", "--eikonal-weight", "-0.5", "--bunny", "")]
    [InlineData("geometric initialisation's radius must be positive and finite", "fit-mesh", "--init-radius", "-0.5")]
    [InlineData("--init-radius applies only to --init geometric", "train-shapes", "--init", "pytorch", "--init-radius", "0.3", "--bunny", "")]
    public void FittingCommandsRefuseBadOptionsBeforeWritingAnything(string message, params string[] arguments)
    {
        string output = Path.Combine(_folder, "never");
        var (code, error) = Run([.. arguments, "--out", output]);
        Assert.Equal(1, code);
        Assert.Contains(message, error);
        Assert.False(Directory.Exists(output));
    }

    /// <summary>
    /// Ctrl+C during train-shapes (which keeps no checkpoint): the fit stops after its step, the app says so in one line
    /// and exits with 130, and no run folder is left. Before, the cancellation escaped as a stack trace.
    /// </summary>
    [Fact]
    public async Task TrainShapesStoppedBySigintSaysSoInOneLineAndWritesNothing()
    {
        string output = Path.Combine(_folder, "stopped");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "sdflearn.dll"), "train-shapes", "--count", "8", "--bunny", "",
                "--epochs", "100000", "--threads", "1", "--out", output },
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var errorText = process.StandardError.ReadToEndAsync();
        string? first = await process.StandardOutput.ReadLineAsync();
        Assert.Contains("shapes; sampling", first);
        var outputText = process.StandardOutput.ReadToEndAsync();
        await Task.Delay(2000);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        string error = await errorText;
        Assert.True(process.ExitCode == 130, $"exit code {process.ExitCode}: {error}");
        Assert.Contains("an interrupted fit writes nothing", error);
        Assert.Contains("stopped: interrupted before the output was written.", error);
        Assert.DoesNotContain("   at ", error + await outputText);
        Assert.False(Directory.Exists(output));
    }
}
