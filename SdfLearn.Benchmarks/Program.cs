using BenchmarkDotNet.Running;

// Runs the benchmarks chosen on the command line, e.g. `--filter *Gemm*`; see README.md.
if (SdfLearn.Benchmarks.Data.DataCommands.TryRun(args)) return;
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
