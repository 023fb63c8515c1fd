using System.Diagnostics;
using System.Globalization;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;

namespace SdfLearn.Benchmarks.InputGradients;

/// <summary>
/// <c>input-gradient-designs [--points N] [--width H] [--dims 2,3] [--reps R] [--threads T]</c>: the measurement behind
/// the choice of forward-mode tangents for input gradients (docs/autodiff.md, "Gradients with respect to inputs").
/// One eikonal training step, <c>mean((|∇ₓf|² − 1)²)</c> backpropagated to every weight, of an IGR-style MLP
/// (d → H → H → H → H → 1, Softplus β = 100) on N points, by two designs: the library's recorded backward
/// (<see cref="Layer{T}.ForwardWithInputGradient"/>, double backward of the network), and a prototype of forward-mode
/// tangents — d tangents [d, N, H] carried beside the values, each Linear applied to them without bias and each
/// activation's derivative multiplied in, all as recorded ops. Both give the same weight gradients (the largest
/// difference is printed); the plain first-order step is timed for scale. Prints medians of R steps in seconds.
/// </summary>
internal static class InputGradientDesignsMode
{
    private const float Beta = 100f, Threshold = 20f;

    /// <summary>Runs the mode if <paramref name="args"/> ask for it; false otherwise.</summary>
    public static bool TryRun(string[] args)
    {
        if (args is not ["input-gradient-designs", .. var options]) return false;
        int points = 4096, width = 256, reps = 7, threads = 1;
        int[] dims = [2, 3];
        for (int i = 0; i + 1 < options.Length; i += 2)
        {
            string value = options[i + 1];
            switch (options[i])
            {
                case "--points": points = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--width": width = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--reps": reps = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--dims": dims = [.. value.Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture))]; break;
                default: throw new ArgumentException($"input-gradient-designs: unknown option '{options[i]}'.");
            }
        }
        ComputeThreads.MaxThreads = threads;
        Console.WriteLine($"# {points} points, width {width}, {threads} thread(s), median of {reps} steps after 2 warm-up steps");
        Console.WriteLine("d first-order forward-mode double-backward fm/first db/first fm/db max|dW difference|");
        foreach (int d in dims) Measure(d, points, width, reps);
        return true;
    }

    private static void Measure(int d, int points, int width, int reps)
    {
        var random = new SeededRandom(1);
        var linears = new[] { new Linear<float>(d, width, random), new Linear<float>(width, width, random), new Linear<float>(width, width, random),
            new Linear<float>(width, width, random), new Linear<float>(width, 1, random) };
        var network = new Sequential<float>(linears.SelectMany((l, i) => i < linears.Length - 1 ? new Layer<float>[] { l, new Softplus<float>(Beta, Threshold) } : [l]));
        var x = new Tensor<float>(new Shape(points, d));
        random.FillUniform(x.Span, -1f, 1f);
        var tape = new Tape<float>();
        Variable<float> Input()
        {
            tape.Reset();
            return tape.Constant(x);
        }

        double first = Time(reps, network, () => tape.Backward(Ops.Mean(Ops.Square(network.Forward(Input())))));
        double reverse = Time(reps, network, () => tape.Backward(Eikonal(network.ForwardWithInputGradient(Input(), 0, d).Gradient)));
        var reverseGrads = network.Parameters().Select(p => p.Grad.Clone()).ToList();
        double forward = Time(reps, network, () => tape.Backward(Eikonal(ForwardModeGradient(linears, Input()))));
        double difference = network.Parameters().Zip(reverseGrads)
            .Max(pair => pair.First.Grad.ToArray().Zip(pair.Second.ToArray()).Max(g => Math.Abs(g.First - g.Second)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{d} {first:F4} {forward:F4} {reverse:F4} {forward / first:F2} {reverse / first:F2} {forward / reverse:F2} {difference:E1}"));
    }

    private static Variable<float> Eikonal(Variable<float> gradient)
    {
        var excess = Ops.Sub(Ops.Sum(Ops.Square(gradient), axis: 1), gradient.Tape.Constant(Tensor<float>.Full(1f, 1)));
        return Ops.Mean(Ops.Square(excess));
    }

    /// <summary>
    /// ∇ₓf [N, d] by forward mode: tangents [d, N, width] start as the unit directions, go through each Linear without
    /// bias and are multiplied by each Softplus's derivative <c>sigmoid(β h)</c>; the output's tangents [d, N, 1] are ∇ₓf.
    /// </summary>
    private static Variable<float> ForwardModeGradient(Linear<float>[] linears, Variable<float> x)
    {
        var tape = x.Tape;
        int d = x.Shape[1], rows = x.Shape[0];
        var seed = new Tensor<float>(new Shape(d, rows, d));
        for (int j = 0; j < d; j++)
            for (int r = 0; r < rows; r++) seed.Span[(j * rows + r) * d + j] = 1f;
        Variable<float> h = x, tangent = tape.Constant(seed);
        for (int i = 0; i < linears.Length; i++)
        {
            var weight = tape.Watch(linears[i].Weight);
            h = Ops.Linear(h, weight, tape.Watch(linears[i].Bias!));
            tangent = Ops.Linear(tangent, weight);
            if (i == linears.Length - 1) break;
            tangent = Ops.Mul(tangent, Ops.SoftplusDerivative(h, Beta, Threshold));
            h = Ops.Softplus(h, Beta, Threshold);
        }
        return Ops.Transpose(Ops.Reshape(tangent, d, rows));
    }

    private static double Time(int reps, Module<float> network, Action step)
    {
        var samples = new List<double>();
        for (int r = -2; r < reps; r++)
        {
            network.ZeroGrad();
            long start = Stopwatch.GetTimestamp();
            step();
            if (r >= 0) samples.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        samples.Sort();
        return samples[samples.Count / 2];
    }
}
