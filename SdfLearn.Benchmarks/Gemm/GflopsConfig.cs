using BenchmarkDotNet.Configs;

namespace SdfLearn.Benchmarks;

/// <summary>Benchmark config for square GEMMs: a GFLOP/s column counting 2 · Size³ operations per call.</summary>
internal sealed class GflopsConfig : ManualConfig
{
    public GflopsConfig() =>
        AddColumn(new GflopsColumn(c => c.Parameters["Size"] is int size ? 2.0 * size * size * size : null, "2 * Size^3"));
}
