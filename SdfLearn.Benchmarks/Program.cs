using BenchmarkDotNet.Running;
using SdfLearn.Benchmarks;
using SdfLearn.Benchmarks.Convolution;

// Peer-comparison and MPI entry points first (used by scripts/bench/*.sh); anything else goes to BenchmarkDotNet,
// e.g. `--filter *Gemm*`; see README.md.
try
{
    if (args is ["gemm-peer"])
    {
        GemmPeerMode.Run(Console.In, Console.Out);
        return 0;
    }
    if (args is ["conv-peer"])
    {
        ConvolutionPeerMode.Run(Console.In, Console.Out);
        return 0;
    }
    if (SdfLearn.Benchmarks.Data.DataCommands.TryRun(args)) return 0;
    if (SdfLearn.Benchmarks.Training.TrainStepPeerMode.TryRun(args)) return 0;
    if (SdfLearn.Benchmarks.InputGradients.InputGradientDesignsMode.TryRun(args)) return 0;
    if (SdfLearn.Benchmarks.Distributed.AllReduceMode.TryRun(args)) return 0;
}
catch (Exception e) when (e is ArgumentException or FormatException) // a mistyped option or value: one line, no stack trace
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
