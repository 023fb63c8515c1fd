using System.Numerics;
using System.Text.Json;
using SdfLearn.Cli;
using SdfLearn.Nn.Serialization;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Geometry;
using SdfLearn.Tests.Mpi;
using Xunit.Abstractions;

namespace SdfLearn.Tests.Core.Distributed;

/// <summary>The sample app under <c>mpirun -np 2</c>.</summary>
public sealed class CliMpiTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>A tiny auto-decoder: 8 shapes, 2 steps of 4 shapes an epoch, 3 epochs (eikonal term and code prior included).</summary>
    private static readonly string[] TrainShapes =
    [
        "train-shapes", "--count", "8", "--bunny", "", "--epochs", "3", "--samples", "1024", "--width", "16", "--layers", "2",
        "--latent-size", "4", "--shapes-per-batch", "4", "--points-per-shape", "128", "--threads", "1",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-mpi-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string In(string name) => Path.Combine(_folder, name);

    /// <summary>The app in this process, as one process runs it.</summary>
    private static void RunAlone(params string[] args)
    {
        var error = new StringWriter();
        Assert.True(App.Run(args, error) == 0, error.ToString());
    }

    private static Dictionary<string, float[]> Weights(string folder) =>
        SafeTensorsFile.Load(Path.Combine(folder, "checkpoint.safetensors")).ReadAll<float>().ToDictionary(t => t.Key, t => t.Value.ToArray());

    private static double[] EpochLosses(string folder)
    {
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "metrics.json")));
        return metrics.RootElement.GetProperty("epoch_losses").EnumerateArray().Select(e => e.GetDouble()).ToArray();
    }

    /// <summary>
    /// The 2-rank run in two-0 against the one-process run in one: the same tensors, every weight within 1e-5, every
    /// epoch's loss within 1e-5 of it.
    /// </summary>
    private void AssertMatchesOneProcess(string what)
    {
        var (one, two) = (Weights(In("one")), Weights(In("two-0")));
        Assert.Equal(one.Keys.Order(), two.Keys.Order());
        double difference = one.Max(t => t.Value.Zip(two[t.Key], (x, y) => Math.Abs(x - y)).Max());
        output.WriteLine($"{what}: {one.Values.Sum(t => t.Length)} weights, max |2 ranks - 1 process| = {difference:E2}");
        Assert.True(difference < 1e-5, $"2 ranks differ from 1 process by {difference}");
        foreach (var (single, ranks) in EpochLosses(In("one")).Zip(EpochLosses(In("two-0"))))
            Assert.Equal(single, ranks, 1e-5 * single);
    }

    private void AssertOnlyRankZeroWrote(string name, string text, params string[] files)
    {
        foreach (string file in files) Assert.True(File.Exists(Path.Combine(In($"{name}-0"), file)), $"{file} missing:\n{text}");
        Assert.False(Directory.Exists(In($"{name}-1")), $"rank 1 wrote:\n{text}");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder, ".*partial*"));
        Assert.Single(text.Split('\n'), line => line.StartsWith("Wrote ", StringComparison.Ordinal)); // rank 0 alone prints
    }

    /// <summary>
    /// train-shapes on 2 ranks (2 shapes each per step) against one process: rank 0 alone writes the run, a second
    /// 2-rank run gives the same checkpoint byte for byte, and one process the same weights up to float rounding.
    /// </summary>
    [MpiFact]
    public void TrainShapes_TwoRanks_MatchOneProcess_AndRankZeroAloneWrites()
    {
        foreach (string name in new[] { "two", "again" })
        {
            var (exitCode, text) = MpiJob.Run(2, Timeout, ["cli", .. TrainShapes, "--out", In($"{name}-{{rank}}")]);
            Assert.True(exitCode == 0, text);
            AssertOnlyRankZeroWrote(name, text, "shapes.json", "checkpoint.safetensors", "grid.png", "interpolation.png", "metrics.json");
        }
        RunAlone([.. TrainShapes, "--out", In("one")]);

        Assert.Equal(File.ReadAllBytes(In("two-0/checkpoint.safetensors")), File.ReadAllBytes(In("again-0/checkpoint.safetensors")));
        Assert.Equal(EpochLosses(In("two-0")), EpochLosses(In("again-0")));
        AssertMatchesOneProcess("train-shapes");
    }

    /// <summary>fit-mesh on 2 ranks (half of every minibatch's points each) against one process, as above.</summary>
    [MpiFact]
    public void FitMesh_TwoRanks_MatchOneProcess_AndRankZeroAloneWrites()
    {
        string mesh = In("torus.obj");
        MeshFile.Write(mesh, ParametricMeshes.Torus(new Torus(new Vector3(1, 2, 3), 2f, 0.8f), 32, 16));
        string[] fit = ["fit-mesh", "--mesh", mesh, "--samples", "4096", "--epochs", "3", "--width", "16", "--layers", "2",
            "--batch-size", "512", "--eikonal-weight", "0.1", "--resolution", "16", "--threads", "1"];
        var (exitCode, text) = MpiJob.Run(2, Timeout, ["cli", .. fit, "--out", In("two-{rank}")]);
        Assert.True(exitCode == 0, text);
        AssertOnlyRankZeroWrote("two", text, "mesh.obj", "mesh.ply", "mesh.glb", "render.png", "slice.png", "metrics.json", "checkpoint.safetensors");
        RunAlone([.. fit, "--out", In("one")]);

        AssertMatchesOneProcess("fit-mesh");
    }

    /// <summary>A malformed mesh under mpirun: rank 0 names the problem, every rank exits (no hang), nothing is written.</summary>
    [MpiFact]
    public void FitMesh_BadMesh_RankZeroReportsIt_AndTheJobEnds()
    {
        string mesh = In("bad.obj");
        File.WriteAllText(mesh, "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 9\n");
        var (exitCode, text) = MpiJob.Run(2, Timeout, "cli", "fit-mesh", "--mesh", mesh, "--out", In("never-{rank}"), "--threads", "1");
        Assert.True(exitCode != 0, text);
        Assert.Contains("rank 0 of 2: error: ", text);
        Assert.Contains("bad.obj, line 4", text);
        Assert.False(Directory.Exists(In("never-0")));
        Assert.False(Directory.Exists(In("never-1")));
    }

    /// <summary>
    /// SIGTERM on rank 1 during train-shapes (which keeps no checkpoint): the stop rides in the next exchange, both ranks
    /// stop after the same step, rank 0 alone says so, all exit 130, and no run folder is left.
    /// </summary>
    [MpiFact]
    public void TrainShapes_SigtermOnOneRank_StopsBothAndWritesNothing()
    {
        string[] endless = [.. TrainShapes.Select(a => a == "3" ? "100000" : a)];
        var (exitCode, text) = MpiJob.Run(2, Timeout, ["cli-sigterm", "4", .. endless, "--out", In("stopped-{rank}")]);
        Assert.True(exitCode == 130, $"exit code {exitCode}:\n{text}");
        Assert.Contains("rank 1: sending itself SIGTERM", text);
        Assert.Single(text.Split('\n'), line => line.StartsWith("stopped: interrupted before the output was written.", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    /// <summary>
    /// SIGTERM on rank 1 mid-training: rank 1 asks to stop, the request rides in the next step's exchange, both ranks
    /// stop after the same step, rank 0 writes the checkpoint of that position, and the job ends (no hang).
    /// </summary>
    [MpiFact]
    public void SigtermOnOneRank_StopsBothRanksWithACheckpoint()
    {
        string run = Path.Combine(_folder, "run"), checkpoint = Path.Combine(run, "checkpoint.safetensors");
        var (exitCode, text) = MpiJob.Run(2, TimeSpan.FromMinutes(5), "cli-sigterm", checkpoint,
            "train", "--model", "ae-deepsdf", "--epochs", "1000", "--train-count", "64", "--batch-size", "32", "--test-count", "2",
            "--latent", "8", "--hidden", "16", "--channels", "4", "--points", "32", "--threads", "1", "--out", run);

        Assert.True(exitCode == 130, $"exit code {exitCode}:\n{text}");
        Assert.Contains("rank 1: sending itself SIGTERM", text);
        Assert.Contains("Stopping after this step and saving a checkpoint", text);
        Assert.Contains("Interrupted", text);
        var state = Checkpoint.ReadState(checkpoint);
        Assert.Equal(2, state.Ranks);
        Assert.InRange(state.Epoch, 1, 999);
    }
}
