using SdfLearn.Core;
using SdfLearn.Core.Distributed;
using SdfLearn.Tests.Nn.Distributed;

namespace SdfLearn.Tests.Mpi;

/// <summary>
/// The test assembly's entry point, used only when a test starts it under <c>mpirun</c>
/// (<c>dotnet SdfLearn.Tests.dll SCENARIO ARGS</c>): every rank runs the named scenario and the test reads the job's
/// output and exit code. The test runner itself never calls it.
/// </summary>
internal static class MpiWorker
{
    public static int Main(string[] args)
    {
        // The app makes its own communicator: MPI starts once per process.
        if (args.ElementAtOrDefault(0) == "cli-sigterm") return CliWithSigterm(args[1], args[2..]);
        if (args.ElementAtOrDefault(0) == "cli") return Cli(args[1..]);
        using var communicator = Communicator.Create();
        switch (args.ElementAtOrDefault(0))
        {
            case "collectives":
                Collectives(communicator);
                return 0;
            case "train":
                ComputeThreads.MaxThreads = 1;
                var weights = ShardedTraining.Train(communicator, steps: int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
                if (communicator.Rank == 0) WriteWeights(args[1], weights);
                return 0;
            case "trainer":
                Trainer(communicator, args);
                return 0;
            case "abort":
                if (communicator.Rank == 1) communicator.Abort("cannot read its shard", exitCode: 3);
                communicator.Barrier();
                return 0;
            case "die":
                Die(communicator);
                return 0;
            default:
                Console.Error.WriteLine($"Unknown MPI test scenario '{args.ElementAtOrDefault(0)}'.");
                return 2;
        }
    }

    /// <summary>
    /// <c>trainer CHECKPOINT EPOCHS WEIGHTS [RESUME|-] [STOP_STEP]</c>: <see cref="TrainerRegression"/> on every rank;
    /// rank 0 writes the final weights and prints whether the run was interrupted.
    /// </summary>
    private static void Trainer(ICommunicator communicator, string[] args)
    {
        ComputeThreads.MaxThreads = 1;
        string? resume = args.ElementAtOrDefault(4) is string r && r != "-" ? r : null;
        long? stopStep = args.ElementAtOrDefault(5) is string s ? long.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null;
        var (result, weights) = TrainerRegression.Run(communicator, int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[1], resume, stopStep);
        Console.WriteLine($"rank {communicator.Rank}: interrupted {result.Interrupted} at step {result.Steps}");
        if (communicator.Rank == 0) WriteWeights(args[3], weights);
    }

    /// <summary>
    /// <c>cli-sigterm CHECKPOINT|SECONDS ARGS</c>: the app with ARGS on every rank; rank 1 sends itself SIGTERM once rank
    /// 0 has written CHECKPOINT (so training is under way and the app's handler is in place), or after SECONDS for a
    /// command that writes nothing while it trains.
    /// </summary>
    private static int CliWithSigterm(string checkpoint, string[] args)
    {
        if (Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_RANK") == "1")
        {
            new Thread(() =>
            {
                if (int.TryParse(checkpoint, System.Globalization.CultureInfo.InvariantCulture, out int seconds)) Thread.Sleep(TimeSpan.FromSeconds(seconds));
                else while (!File.Exists(checkpoint)) Thread.Sleep(50);
                Console.Error.WriteLine("rank 1: sending itself SIGTERM");
                Kill(Environment.ProcessId, 15);
            }) { IsBackground = true }.Start();
        }
        return Cli(args);
    }

    /// <summary>
    /// <c>cli ARGS</c>: the app with ARGS on every rank, <c>{rank}</c> in them replaced by the rank, so a test can give
    /// each rank its own output folder and see which ranks write.
    /// </summary>
    private static int Cli(string[] args)
    {
        string rank = Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_RANK") ?? "0";
        return SdfLearn.Cli.App.Run(args.Select(a => a.Replace("{rank}", rank, StringComparison.Ordinal)).ToArray());
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    /// <summary>Weights as raw little-endian floats, for the test to compare with its own runs.</summary>
    private static void WriteWeights(string path, float[] weights) =>
        File.WriteAllBytes(path, System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()).ToArray());

    /// <summary>Ranks exchange sums in a loop; rank 1 kills itself (SIGKILL) after a few, while rank 0 waits in the next all-reduce.</summary>
    private static void Die(ICommunicator communicator)
    {
        Span<float> value = [1];
        for (int step = 0; ; step++)
        {
            if (communicator.Rank == 1 && step == 3) System.Diagnostics.Process.GetCurrentProcess().Kill();
            communicator.AllReduceSum(value);
        }
    }

    /// <summary>Every collective once; rank 0 prints what it received, one line per check.</summary>
    private static void Collectives(ICommunicator communicator)
    {
        int rank = communicator.Rank;
        Span<float> floats = [rank + 1, 0.5f];
        communicator.AllReduceSum(floats);
        Span<double> doubles = [rank * 1e-10];
        communicator.AllReduceSum(doubles);
        Span<byte> bytes = [(byte)(rank * 10), 0];
        communicator.Broadcast(bytes, root: communicator.Size - 1);
        communicator.Barrier();
        Console.WriteLine($"rank {rank} of {communicator.Size}: floats {floats[0]} {floats[1]} doubles {doubles[0]:R} broadcast {bytes[0]}");
    }
}
