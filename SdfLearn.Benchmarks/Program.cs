using BenchmarkDotNet.Running;
using SdfLearn.Benchmarks;
using SdfLearn.Benchmarks.Convolution;

// Peer-comparison entry points first (used by scripts/bench/*.sh); anything else goes to BenchmarkDotNet,
// e.g. `--filter *Gemm*`; see README.md.
if (args is ["gemm-peer"])
{
    GemmPeerMode.Run(Console.In, Console.Out);
    return;
}
if (args is ["conv-peer"])
{
    ConvolutionPeerMode.Run(Console.In, Console.Out);
    return;
}
if (SdfLearn.Benchmarks.Data.DataCommands.TryRun(args)) return;
if (SdfLearn.Benchmarks.Training.TrainStepPeerMode.TryRun(args)) return;
if (SdfLearn.Benchmarks.InputGradients.InputGradientDesignsMode.TryRun(args)) return;
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
