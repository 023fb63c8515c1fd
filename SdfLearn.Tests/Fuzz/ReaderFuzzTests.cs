using SdfLearn.Fuzz;

namespace SdfLearn.Tests.Fuzz;

/// <summary>
/// A short seeded mutation fuzz of every file reader (scripts/fuzz/run-readers.sh runs 10,000+ cases each): every
/// mutant is either read or refused with <see cref="InvalidDataException"/>, within the allocation bound
/// (<see cref="FuzzRunner.AllowedBytes"/>) and a second per case, and a reader that accepts a mutant whose
/// checksum-covered bytes were damaged fails the run.
/// </summary>
public class ReaderFuzzTests
{
    private const int Cases = 3_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    /// <summary>The targets' names (each test builds its own target, so the cases run on the test's thread alone).</summary>

    public static TheoryData<string> Targets() => new(ReaderTargets.All().Select(t => t.Name));

    [Theory, MemberData(nameof(Targets))]
    public async Task MutantsAreReadOrRefusedWithTheDocumentedException(string name)
    {
        var target = ReaderTargets.All().Single(t => t.Name == name);
        var run = Task.Run(() => FuzzRunner.Run(target, seed: 20261129, Cases, Budget));
        var report = await run.WaitAsync(Hang); // a hanging reader fails the test with a TimeoutException
        Assert.True(report.Cases >= 200, $"only {report.Cases} cases ran: {report}");
        Assert.True(report[FuzzOutcome.Refused] > 0, report.ToString());
        Assert.True(report.Bad == 0, $"{report}{Environment.NewLine}{string.Join(Environment.NewLine, report.Failures)}");
    }
}
