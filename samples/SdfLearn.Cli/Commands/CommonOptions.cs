using System.Runtime.InteropServices;
using System.CommandLine;

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

    public static Option<float> EikonalWeight(float defaultWeight) => new("--eikonal-weight")
    {
        Description = "Weight of the eikonal term mean((|∇f| − 1)²) at each batch's points; 0 leaves it out.", DefaultValueFactory = _ => defaultWeight,
    };

    public static Option<string> Init()
    {
        var init = new Option<string>("--init")
        {
            Description = "The decoder's initial weights: geometric starts it as the signed distance to a sphere of radius --init-radius in the normalised coordinates (SAL's geometric initialisation); pytorch is PyTorch's layer initialisation.",
            DefaultValueFactory = _ => "geometric",
        };
        init.AcceptOnlyFromAmong("geometric", "pytorch");
        return init;
    }

    public static Option<double?> InitRadius(double? defaultRadius) => new("--init-radius")
    {
        Description = $"Radius of the sphere --init geometric starts from. [default: {defaultRadius}]",
    };

    /// <summary>
    /// The fitters' GeometricInitRadius from --init and --init-radius: null for pytorch, the given radius or
    /// <paramref name="defaultRadius"/> for geometric.
    /// </summary>
    /// <exception cref="ArgumentException">--init-radius is given with --init pytorch, where it would do nothing.</exception>
    public static double? GeometricInitRadius(ParseResult result, Option<string> init, Option<double?> radius, double? defaultRadius)
    {
        double? given = result.GetValue(radius);
        if (result.GetValue(init) == "geometric") return given ?? defaultRadius;
        if (given is not null) throw new ArgumentException("--init-radius applies only to --init geometric; leave it out with --init pytorch.");
        return null;
    }

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

    private static readonly List<PosixSignalRegistration> SignalRegistrations = [];

    /// <summary>
    /// A token cancelled by Ctrl+C (SIGINT), SIGTERM (how schedulers stop a job) or SIGUSR1 (what
    /// scripts/mpi/mpirun.sh has mpirun forward to every rank), so training can save a checkpoint and exit cleanly; a
    /// second signal ends the process at once. Under mpirun the ranks agree on the stop: any rank's signal stops all.
    /// <paramref name="stopping"/> is the line printed on the first signal (for commands that keep no checkpoint, what
    /// they do instead).
    /// </summary>
    public static CancellationToken StopOnSignal(string stopping = "Stopping after this step and saving a checkpoint (again to abort)...")
    {
        var source = new CancellationTokenSource();
        foreach (var signal in StopSignals())
        {
            SignalRegistrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                if (source.IsCancellationRequested) return; // the default action: the process ends at once
                context.Cancel = true;
                Console.Error.WriteLine(stopping);
                source.Cancel();
            }));
        }
        return source.Token;
    }

    /// <summary>What the fitting commands, which keep no checkpoint, print on the first signal.</summary>
    public const string StoppingWithoutOutput = "Stopping after this step; an interrupted fit writes nothing (again to abort)...";

    private static IEnumerable<PosixSignal> StopSignals()
    {
        yield return PosixSignal.SIGINT;
        yield return PosixSignal.SIGTERM;
        if (OperatingSystem.IsLinux()) yield return (PosixSignal)10; // SIGUSR1, by number: PosixSignal has no name for it
        else if (OperatingSystem.IsMacOS()) yield return (PosixSignal)30;
    }
}
