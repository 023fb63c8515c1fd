using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace SdfLearn.Benchmarks.Convolution;

/// <summary>A short job (the machine is shared), allocations, and a GFLOP/s column.</summary>
public sealed class ConvolutionBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public ConvolutionBenchmarkConfig()
    {
        AddJob(Job.ShortRun);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new GflopsColumn(c => c.Parameters["Layer"] is ConvLayer layer ? layer.Flops : null, "2 * N * OutC * OutH * OutW * InC * KH * KW"));
    }
}
