using BenchmarkDotNet.Running;
using SdfLearn.Benchmarks;

// `gemm-peer`: timing service for scripts/bench/gemm-vs-openblas.sh. Anything else goes to BenchmarkDotNet,
// e.g. `--filter *Gemm*`; see README.md.
if (args is ["gemm-peer"])
{
    GemmPeerMode.Run(Console.In, Console.Out);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
