using BenchmarkDotNet.Attributes;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Benchmarks;

/// <summary>Square sgemm C = A * B at the sizes the models use and beyond, with GFLOP/s.</summary>
[Config(typeof(GflopsConfig))]
public class GemmBenchmarks
{
    private float[] _a = [], _b = [], _c = [];

    /// <summary>m = n = k.</summary>
    [Params(64, 128, 256, 512, 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => (_a, _b, _c) = GemmOperands.Create(Size, Size, Size);

    [Benchmark]
    public void Multiply() => Gemm.Multiply<float>(_a, false, _b, false, _c, Size, Size, Size);
}

/// <summary>The four operand layouts at 512 (backward passes use the transposed ones), with GFLOP/s.</summary>
[Config(typeof(GflopsConfig))]
public class GemmLayoutBenchmarks
{
    private float[] _a = [], _b = [], _c = [];

    /// <summary>m = n = k.</summary>
    [Params(512)]
    public int Size { get; set; }

    [Params(false, true)]
    public bool TransposeA { get; set; }

    [Params(false, true)]
    public bool TransposeB { get; set; }

    [GlobalSetup]
    public void Setup() => (_a, _b, _c) = GemmOperands.Create(Size, Size, Size);

    [Benchmark]
    public void Multiply() => Gemm.Multiply<float>(_a, TransposeA, _b, TransposeB, _c, Size, Size, Size);
}

/// <summary>Seeded operands for the GEMM benchmarks: A and B uniform in [-1, 1), C zero.</summary>
internal static class GemmOperands
{
    public static (float[] A, float[] B, float[] C) Create(int m, int n, int k)
    {
        var random = new SeededRandom(1);
        var a = new float[m * k];
        var b = new float[k * n];
        random.FillUniform<float>(a, -1, 1);
        random.FillUniform<float>(b, -1, 1);
        return (a, b, new float[m * n]);
    }
}
