using BenchmarkDotNet.Running;

// Runs the benchmarks chosen on the command line, e.g. `--filter *Gemm*`; see README.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
