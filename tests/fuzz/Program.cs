using SdfLearn.Fuzz;

// Long fuzzing runs (scripts/fuzz/run-readers.sh): [--cases N] [--seed S] [target ...]; prints counts by outcome
// per reader and exits 1 if any case was neither accepted nor refused with the documented exception.
int cases = 10_000, seed = 1;
var names = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--cases": cases = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        default: names.Add(args[i]); break;
    }
}
var targets = ReaderTargets.All().Where(t => names.Count == 0 || names.Contains(t.Name)).ToList();
if (targets.Count == 0)
{
    Console.Error.WriteLine($"No such target; known: {string.Join(", ", ReaderTargets.All().Select(t => t.Name))}.");
    return 2;
}
var outcomes = Enum.GetValues<FuzzOutcome>();
Console.WriteLine($"| reader | cases | {string.Join(" | ", outcomes)} | max alloc (KiB) | slowest (ms) |");
Console.WriteLine($"|---|---:|{string.Concat(outcomes.Select(_ => "---:|"))}---:|---:|");
int bad = 0;
var failures = new List<string>();
foreach (var target in targets)
{
    var report = FuzzRunner.Run(target, seed, cases);
    bad += report.Bad;
    failures.AddRange(report.Failures.Select(f => $"{report.Target}: {f}"));
    Console.WriteLine($"| {report.Target} | {report.Cases:N0} | {string.Join(" | ", outcomes.Select(o => report[o].ToString("N0")))} | "
        + $"{report.MaxAllocated / 1024.0:N0} | {report.Slowest.TotalMilliseconds:N0} |");
}
foreach (var failure in failures) Console.WriteLine(failure);
return bad == 0 ? 0 : 1;
