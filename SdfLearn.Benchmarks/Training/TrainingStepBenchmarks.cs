using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace SdfLearn.Benchmarks.Training;

/// <summary>
/// The reference training steps (<see cref="TrainingStep"/>) on <see cref="Core.ComputeThreads.MaxThreads"/> threads
/// (all cores by default): the whole step, and its forward and forward + backward parts, which show what the backward
/// pass and the Adam update add.
/// </summary>
[Config(typeof(Config))]
public class TrainingStepBenchmarks
{
    private TrainingStep _step = null!;

    /// <summary>The model, as named in <see cref="TrainingStep.Names"/>.</summary>
    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = TrainingStep.Names[0];

    /// <summary>Every reference model.</summary>
    public static IEnumerable<string> Models => TrainingStep.Names;

    /// <summary>Builds the model, its batch and the optimiser.</summary>
    [GlobalSetup]
    public void Setup() => _step = TrainingStep.Create(Model);

    /// <summary>tape.Reset, ZeroGrad, loss, Backward, Adam step.</summary>
    [Benchmark(Baseline = true)]
    public void Step() => _step.Run();

    /// <summary>tape.Reset, ZeroGrad, loss, Backward.</summary>
    [Benchmark]
    public void ForwardBackward() => _step.ForwardBackward();

    /// <summary>tape.Reset, loss (recorded for backward, as in training).</summary>
    [Benchmark]
    public void Forward() => _step.Forward();

    /// <summary>A short job (a step takes a good fraction of a second and the machine is shared), with allocations.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }
}
