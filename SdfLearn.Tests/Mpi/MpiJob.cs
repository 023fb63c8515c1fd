using System.Diagnostics;

namespace SdfLearn.Tests.Mpi;

/// <summary>Runs this test assembly as a program under <c>mpirun</c> (see <see cref="MpiWorker"/>) on this machine.</summary>
internal static class MpiJob
{
    /// <summary>The full path of <c>mpirun</c>, or null when it is not on the PATH.</summary>
    public static string? Launcher { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, "mpirun"))
        .FirstOrDefault(File.Exists);

    /// <summary>
    /// Starts <paramref name="ranks"/> ranks of <c>SdfLearn.Tests.dll</c> with <paramref name="arguments"/> and waits for
    /// the job; returns its exit code and everything it printed. A job still running after <paramref name="timeout"/> is
    /// killed and reported as hung.
    /// </summary>
    public static (int ExitCode, string Output) Run(int ranks, TimeSpan timeout, params string[] arguments)
    {
        string launcher = Launcher ?? throw new InvalidOperationException(
            "mpirun is not on the PATH: install Open MPI (apt-get install openmpi-bin libopenmpi-dev); .ci/run does so in CI.");
        var start = new ProcessStartInfo(launcher) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        // As root (containers, CI) mpirun needs consent; oversubscribe lets 2 ranks share fewer cores; the shared-memory
        // transport copies through a buffer because containers usually forbid the kernel-assisted single copy.
        foreach (string option in (string[])["--allow-run-as-root", "--oversubscribe", "--mca", "btl_vader_single_copy_mechanism", "none", "-np", $"{ranks}"])
            start.ArgumentList.Add(option);
        start.ArgumentList.Add(DotnetHost());
        start.ArgumentList.Add(typeof(MpiWorker).Assembly.Location);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        return Run(start, timeout);
    }

    /// <summary>Starts one process of the worker without <c>mpirun</c>, with <paramref name="environment"/> added.</summary>
    public static (int ExitCode, string Output) RunAlone(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(typeof(MpiWorker).Assembly.Location);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Run(start, timeout);
    }

    private static (int ExitCode, string Output) Run(ProcessStartInfo start, TimeSpan timeout)
    {
        using var job = Process.Start(start)!;
        job.StandardInput.Close();
        var output = job.StandardOutput.ReadToEndAsync();
        var errors = job.StandardError.ReadToEndAsync();
        if (!job.WaitForExit(timeout))
        {
            job.Kill(entireProcessTree: true);
            job.WaitForExit();
            Assert.Fail($"{start.FileName} {string.Join(' ', start.ArgumentList)} hung for {timeout.TotalSeconds} s and was killed; output:\n{output.Result}{errors.Result}");
        }
        job.WaitForExit();
        return (job.ExitCode, output.Result + errors.Result);
    }

    /// <summary>The dotnet host running the tests, so the ranks use the same runtime.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is string path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
