using SdfLearn.Core;
using SdfLearn.Core.Kernels;

// Placeholder main job until the models land: multiplies two random matrices and reports GFLOP/s.
var rng = new SeededRandom(42);
const int n = 512;
var a = new float[n * n];
var b = new float[n * n];
var c = new float[n * n];
rng.FillUniform<float>(a, -1, 1);
rng.FillUniform<float>(b, -1, 1);
var sw = System.Diagnostics.Stopwatch.StartNew();
Gemm.Multiply<float>(a, false, b, false, c, n, n, n);
Console.WriteLine($"GEMM {n}x{n}x{n}: {2.0 * n * n * n / sw.Elapsed.TotalSeconds / 1e9:F2} GFLOP/s");
