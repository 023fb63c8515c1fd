using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SdfLearn.Benchmarks.Convolution;

/// <summary>A short job (the machine is shared), allocations, and a GFLOP/s column.</summary>
public sealed class ConvolutionBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public ConvolutionBenchmarkConfig()
    {
        AddJob(Job.ShortRun);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new GflopsColumn());
    }

    /// <summary>The layer's <see cref="ConvLayer.Flops"/> divided by the mean time of one call.</summary>
    private sealed class GflopsColumn : IColumn
    {
        public string Id => nameof(GflopsColumn);
        public string ColumnName => "GFLOP/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "2 * N * OutC * OutH * OutW * InC * KH * KW / mean time";

        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (benchmarkCase.Parameters["Layer"] is not ConvLayer layer || summary[benchmarkCase]?.ResultStatistics is not { } stats)
                return "-";
            return (layer.Flops / stats.Mean).ToString("F1", System.Globalization.CultureInfo.InvariantCulture); // flops per ns = GFLOP/s
        }
    }
}
