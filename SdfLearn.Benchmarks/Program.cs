using BenchmarkDotNet.Running;
using SdfLearn.Benchmarks.Convolution;

// `conv-peer`: timing service for scripts/bench/conv-vs-pytorch.sh. Anything else goes to BenchmarkDotNet,
// e.g. `--filter *Gemm*`; see README.md.
if (args is ["conv-peer"])
{
    ConvolutionPeerMode.Run(Console.In, Console.Out);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
