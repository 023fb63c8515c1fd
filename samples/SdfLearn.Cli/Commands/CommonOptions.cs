using System.CommandLine;
using System.Runtime.InteropServices;

namespace SdfLearn.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
public static class CommonOptions
{
    public static Option<string?> MnistDirectory() => new Option<string?>("--mnist-dir")
    {
        Description = "Folder with MNIST IDX files (.gz or raw). Default: $SDFLEARN_MNIST_DIR, then the cache, then a download (only with --download), then the bundled 10,000-digit sample. The t10k files found there are the test set.",
    }.MustBe(folder => folder is null || Directory.Exists(folder), "an existing folder (without --mnist-dir the bundled sample is used)");

    public static Option<int> TestCount() => new Option<int>("--test-count")
    {
        Description = "How many test digits to evaluate (from the start of the test set).", DefaultValueFactory = _ => 1000,
    }.AtLeast(1);

    public static Option<ulong> Seed() => new("--seed") { Description = "Random seed (initialisation, shuffling, noise).", DefaultValueFactory = _ => 0 };

    public static Option<int> Threads() => new Option<int>("--threads")
    {
        Description = "Threads the kernels may use (results are deterministic for a given seed and thread count).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    }.AtLeast(1);

    public static Option<string> Run(string defaultValue) => new("--run")
    {
        Description = "Run folder (its checkpoint.safetensors carries the model's config and weights).", DefaultValueFactory = _ => defaultValue,
    };

    /// <summary>Kept alive for the process's lifetime: a collected registration stops handling its signal.</summary>
    private static readonly List<PosixSignalRegistration> Signals = [];

    /// <summary>
    /// A token cancelled by Ctrl+C or SIGTERM (what `kill`, systemd and container runtimes send), so training saves a
    /// checkpoint and exits cleanly either way; a second signal ends the process at once.
    /// </summary>
    public static CancellationToken CtrlC()
    {
        var source = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (source.IsCancellationRequested) return; // a second Ctrl+C ends the process at once
            e.Cancel = true;
            Console.Error.WriteLine("Stopping after this step and saving a checkpoint (Ctrl+C again to abort)...");
            source.Cancel();
        };
        Signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            if (source.IsCancellationRequested) return; // a second SIGTERM terminates as usual
            context.Cancel = true;
            Console.Error.WriteLine("SIGTERM: stopping after this step and saving a checkpoint (send it again to abort)...");
            source.Cancel();
        }));
        return source.Token;
    }
}
