using System.Diagnostics;
using SdfLearn.Core;

namespace SdfLearn.Benchmarks;

/// <summary>
/// The line protocol of the peer modes that scripts/bench/*.sh drive, so SdfLearn and its peer are timed in one run
/// under the same machine load: one request line in, one reply line out, until an empty line or end of input.
/// </summary>
internal static class PeerProtocol
{
    /// <summary>Answers each request with <paramref name="measure"/>; restores <see cref="ComputeThreads.MaxThreads"/> at the end.</summary>
    public static void Serve(TextReader input, TextWriter output, Func<string, string> measure)
    {
        int savedThreads = ComputeThreads.MaxThreads;
        try
        {
            while (input.ReadLine() is { Length: > 0 } line)
            {
                output.WriteLine(measure(line));
                output.Flush();
            }
        }
        finally
        {
            ComputeThreads.MaxThreads = savedThreads;
        }
    }

    /// <summary>
    /// Calls <paramref name="call"/> once to warm up, then repeatedly for about <paramref name="budgetSeconds"/> (at least
    /// three times); returns the median wall time of one call, the number of timed calls and the process CPU time per call.
    /// </summary>
    public static (double MedianSeconds, int Calls, double CpuSecondsPerCall) Time(Action call, double budgetSeconds)
    {
        call();
        var samples = new List<double>();
        using var process = Process.GetCurrentProcess();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        var total = Stopwatch.StartNew();
        while (samples.Count < 3 || total.Elapsed.TotalSeconds < budgetSeconds)
        {
            long start = Stopwatch.GetTimestamp();
            call();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        process.Refresh();
        double cpuPerCall = (process.TotalProcessorTime - cpuBefore).TotalSeconds / samples.Count;
        samples.Sort();
        return (samples[samples.Count / 2], samples.Count, cpuPerCall);
    }
}
