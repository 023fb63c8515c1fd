using System.Diagnostics;

namespace SdfLearn.Fuzz;

/// <summary>
/// Runs seeded mutants through a reader on one thread, measuring each case's allocation
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) and time, and classifies it (<see cref="FuzzOutcome"/>).
/// </summary>
public static class FuzzRunner
{
    /// <summary>No case may allocate more than this.</summary>
    public const long MaxBytes = 100L << 20;

    /// <summary>Fixed allowance per case for the reader's own state (stream buffers, the inflater's window, exception text).</summary>
    public const long FixedAllowance = 1L << 20;

    /// <summary>A case slower than this is reported as slow.</summary>
    public static readonly TimeSpan SlowCase = TimeSpan.FromSeconds(1);

    /// <summary>The allocation bound of a case: 4 x the decompressed input plus a fixed allowance, at most <see cref="MaxBytes"/>.</summary>
    public static long AllowedBytes(FuzzCase fuzzCase) => Math.Min(MaxBytes, 4 * fuzzCase.DecompressedSize + FixedAllowance);

    /// <summary>
    /// Runs up to <paramref name="cases"/> mutants of <paramref name="target"/> from <paramref name="seed"/>, stopping
    /// early after <paramref name="budget"/> when given.
    /// </summary>
    public static FuzzReport Run(ReaderTarget target, int seed, int cases, TimeSpan? budget = null)
    {
        var random = new Random(seed);
        var report = new FuzzReport(target.Name, seed);
        var total = Stopwatch.StartNew();
        for (int i = 0; i < cases && (budget is null || total.Elapsed < budget); i++)
        {
            var fuzzCase = target.Next(random);
            var (outcome, allocated, elapsed, detail) = RunOne(target, fuzzCase);
            report.Add(i, outcome, allocated, elapsed, detail);
        }
        return report;
    }

    private static (FuzzOutcome, long, TimeSpan, string?) RunOne(ReaderTarget target, FuzzCase fuzzCase)
    {
        byte[]? content = null;
        Exception? error = null;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        try
        {
            content = target.Read(fuzzCase);
        }
        catch (Exception e)
        {
            error = e;
        }
        watch.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        string size = $"{fuzzCase.Input.Length:N0}-byte input ({fuzzCase.DecompressedSize:N0} decompressed)";

        if (error is not null and not InvalidDataException)
            return (FuzzOutcome.UnexpectedException, allocated, watch.Elapsed, $"{error.GetType().Name} on a {size}: {Shorten(error.Message)}");
        if (allocated > AllowedBytes(fuzzCase))
            return (FuzzOutcome.OverAllocation, allocated, watch.Elapsed, $"{allocated:N0} bytes for a {size}");
        if (watch.Elapsed > SlowCase)
            return (FuzzOutcome.Slow, allocated, watch.Elapsed, $"{watch.Elapsed.TotalMilliseconds:N0} ms for a {size}");
        if (error is not null)
            return (FuzzOutcome.Refused, allocated, watch.Elapsed, null);
        if (fuzzCase.Expected is not null && !content.AsSpan().SequenceEqual(fuzzCase.Expected))
            return (FuzzOutcome.WrongData, allocated, watch.Elapsed, $"a {size} whose checksum-covered bytes were damaged was read");
        return (FuzzOutcome.Accepted, allocated, watch.Elapsed, null);
    }

    private static string Shorten(string message) => message.Length <= 300 ? message : message[..300] + $"... ({message.Length:N0} chars)";
}
