using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SdfLearn.Benchmarks;

/// <summary>GFLOP/s of a benchmark case: its floating-point operations per call (from its parameters) over the measured mean.</summary>
/// <param name="flopsPerCall">The operations of one call of a case, or null when the case has none to report.</param>
/// <param name="legend">How the operations are counted.</param>
internal sealed class GflopsColumn(Func<BenchmarkCase, double?> flopsPerCall, string legend) : IColumn
{
    public string Id => nameof(GflopsColumn);
    public string ColumnName => "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"Billions of floating-point operations per second ({legend} / mean time)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (meanNanoseconds is not > 0 || flopsPerCall(benchmarkCase) is not double flops) return "-";
        return (flops / meanNanoseconds.Value).ToString("F1", CultureInfo.InvariantCulture); // flops per ns = GFLOP/s
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
