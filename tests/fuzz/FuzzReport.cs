namespace SdfLearn.Fuzz;

/// <summary>Counts by outcome of one fuzzing run, with the first few failures kept for reproduction.</summary>
public sealed class FuzzReport(string target, int seed)
{
    private const int KeptFailures = 5;
    private readonly int[] _counts = new int[Enum.GetValues<FuzzOutcome>().Length];
    private readonly List<string> _failures = [];

    /// <summary>The target's name.</summary>
    public string Target { get; } = target;

    /// <summary>The seed of the run (the same seed replays the same cases).</summary>
    public int Seed { get; } = seed;

    /// <summary>Cases run.</summary>
    public int Cases => _counts.Sum();

    /// <summary>The most bytes one case allocated.</summary>
    public long MaxAllocated { get; private set; }

    /// <summary>The longest case.</summary>
    public TimeSpan Slowest { get; private set; }

    /// <summary>Cases that ended with <paramref name="outcome"/>.</summary>
    public int this[FuzzOutcome outcome] => _counts[(int)outcome];

    /// <summary>Cases whose outcome is neither acceptance nor the documented refusal.</summary>
    public int Bad => Cases - this[FuzzOutcome.Accepted] - this[FuzzOutcome.Refused];

    /// <summary>The first failures, one line each (case number, outcome, detail).</summary>
    public IReadOnlyList<string> Failures => _failures;

    internal void Add(int index, FuzzOutcome outcome, long allocated, TimeSpan elapsed, string? detail)
    {
        _counts[(int)outcome]++;
        MaxAllocated = Math.Max(MaxAllocated, allocated);
        if (elapsed > Slowest) Slowest = elapsed;
        if (outcome is not (FuzzOutcome.Accepted or FuzzOutcome.Refused) && _failures.Count < KeptFailures)
            _failures.Add($"case {index}: {outcome}: {detail}");
    }

    /// <summary>A one-line summary: counts by outcome, largest allocation, slowest case.</summary>
    public override string ToString() =>
        $"{Target} (seed {Seed}): {Cases:N0} cases; "
        + string.Join(", ", Enum.GetValues<FuzzOutcome>().Select(o => $"{o} {this[o]:N0}"))
        + $"; max allocation {MaxAllocated / 1024.0:N0} KiB, slowest {Slowest.TotalMilliseconds:N0} ms";
}
