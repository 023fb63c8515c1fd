using System.Diagnostics;
using System.Globalization;
using SdfLearn.Core.Distributed;

namespace SdfLearn.Benchmarks.Distributed;

/// <summary>
/// <c>allreduce [FLOATS ...]</c>, run under <c>mpirun -np N</c>: times one in-place float all-reduce of each size
/// (default: 1 float, the latency, and the SDF models' gradient sizes) and rank 0 prints a markdown table of the median
/// time and the bus bandwidth a ring all-reduce would need for it, 2(N-1)/N * bytes / time.
/// </summary>
public static class AllReduceMode
{
    private static readonly int[] DefaultSizes = [1, 1_024, 65_536, 601_153, 1_048_576, 4_194_304];

    /// <summary>Runs the mode if <paramref name="args"/> names it; returns false otherwise.</summary>
    public static bool TryRun(string[] args)
    {
        if (args.Length == 0 || args[0] != "allreduce") return false;
        int[] sizes = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : DefaultSizes;
        using var communicator = Communicator.Create();
        if (communicator.Rank == 0) Console.WriteLine($"| floats | bytes | median time, {communicator.Size} ranks | bus bandwidth |\n| ---: | ---: | ---: | ---: |");
        foreach (int size in sizes)
        {
            var buffer = new float[size];
            int repeats = Math.Clamp(200_000_000 / (size * sizeof(float) + 100_000), 5, 2_000);
            var times = new double[repeats];
            communicator.AllReduceSum(buffer); // warm-up
            for (int r = 0; r < repeats; r++)
            {
                communicator.Barrier();
                var watch = Stopwatch.StartNew();
                communicator.AllReduceSum(buffer);
                times[r] = watch.Elapsed.TotalSeconds;
            }
            Array.Sort(times);
            double median = times[repeats / 2];
            double bus = 2.0 * (communicator.Size - 1) / communicator.Size * size * sizeof(float) / median;
            if (communicator.Rank == 0)
                Console.WriteLine(FormattableString.Invariant($"| {size:N0} | {size * 4L:N0} | {median * 1e6:F1} µs | {bus / 1e9:F2} GB/s |"));
        }
        return true;
    }
}
