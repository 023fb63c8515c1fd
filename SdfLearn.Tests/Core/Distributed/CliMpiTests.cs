using SdfLearn.Nn.Training;
using SdfLearn.Tests.Mpi;

namespace SdfLearn.Tests.Core.Distributed;

/// <summary>The sample app under <c>mpirun -np 2</c>.</summary>
public sealed class CliMpiTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-mpi-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

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
