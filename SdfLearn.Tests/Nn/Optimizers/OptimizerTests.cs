using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Serialization;

namespace SdfLearn.Tests.Nn.Optimizers;

/// <summary>
/// Each optimiser against a scalar transcription of the update PyTorch documents for it (torch.optim docs'
/// pseudo-code), over a few steps with changing gradients, weight decay and momentum in play.
/// </summary>
public class OptimizerTests
{
    private const int Steps = 4;
    private static readonly double[] Initial = [0.5, -1.5, 2.0, 0.0, -0.25, 3.0, 1e-3];

    /// <summary>The gradient at step t (1-based) for element i: varied in sign and size.</summary>
    private static double GradientAt(int t, int i) => Math.Sin(1.3 * i + 0.7 * t) * (1 + i % 3) + 0.05 * t;

    private static Parameter<double> MakeParameter() => new(Tensor<double>.FromValues(Initial, Initial.Length));

    /// <summary>Runs <paramref name="optimizer"/> for <see cref="Steps"/> steps and returns the parameter values.</summary>
    private static double[] Run(Optimizer<double> optimizer)
    {
        var parameter = optimizer.Parameters[0];
        for (int t = 1; t <= Steps; t++)
        {
            optimizer.ZeroGrad();
            for (int i = 0; i < Initial.Length; i++) parameter.Grad.Span[i] = GradientAt(t, i);
            optimizer.Step();
        }
        return parameter.Value.ToArray();
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-13 * (1 + Math.Abs(expected[i])), $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    private static double[] ReferenceSgd(double lr, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        double[] p = (double[])Initial.Clone(), buffer = new double[p.Length];
        for (int t = 1; t <= Steps; t++)
        {
            for (int i = 0; i < p.Length; i++)
            {
                double g = GradientAt(t, i) + weightDecay * p[i];
                if (momentum != 0)
                {
                    buffer[i] = t == 1 ? g : momentum * buffer[i] + (1 - dampening) * g;
                    g = nesterov ? g + momentum * buffer[i] : buffer[i];
                }
                p[i] -= lr * g;
            }
        }
        return p;
    }

    private static double[] ReferenceAdam(double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
    {
        double[] p = (double[])Initial.Clone(), m = new double[p.Length], v = new double[p.Length];
        for (int t = 1; t <= Steps; t++)
        {
            for (int i = 0; i < p.Length; i++)
            {
                double g = GradientAt(t, i);
                if (decoupled) p[i] *= 1 - lr * weightDecay;
                else g += weightDecay * p[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                double mHat = m[i] / (1 - Math.Pow(beta1, t));
                double vHat = v[i] / (1 - Math.Pow(beta2, t));
                p[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
        }
        return p;
    }

    [Fact]
    public void Sgd_PlainStep_IsLearningRateTimesGradient()
    {
        var parameter = new Parameter<float>(Tensor<float>.FromValues([1f, -2f], 2));
        parameter.Grad.Span[0] = 0.5f;
        parameter.Grad.Span[1] = -4f;
        new Sgd<float>([parameter], learningRate: 0.1).Step();
        Assert.Equal([0.95f, -1.6f], parameter.Value.ToArray());
    }

    [Theory]
    [InlineData(0.1, 0.0, 0.0, 0.0, false)]
    [InlineData(0.05, 0.9, 0.0, 0.01, false)]
    [InlineData(0.05, 0.9, 0.3, 0.0, false)]
    [InlineData(0.02, 0.8, 0.0, 0.1, true)]
    public void Sgd_MatchesPyTorchFormula(double lr, double momentum, double dampening, double weightDecay, bool nesterov) =>
        AssertClose(ReferenceSgd(lr, momentum, dampening, weightDecay, nesterov),
            Run(new Sgd<double>([MakeParameter()], lr, momentum, dampening, weightDecay, nesterov)));

    [Theory]
    [InlineData(1e-3, 0.9, 0.999, 1e-8, 0.0)]
    [InlineData(0.1, 0.5, 0.9, 1e-3, 0.05)]
    public void Adam_MatchesPyTorchFormula(double lr, double beta1, double beta2, double eps, double weightDecay) =>
        AssertClose(ReferenceAdam(lr, beta1, beta2, eps, weightDecay, decoupled: false),
            Run(new Adam<double>([MakeParameter()], lr, beta1, beta2, eps, weightDecay)));

    [Theory]
    [InlineData(1e-3, 0.9, 0.999, 1e-8, 1e-2)]
    [InlineData(0.1, 0.5, 0.9, 1e-3, 0.3)]
    public void AdamW_MatchesPyTorchFormula(double lr, double beta1, double beta2, double eps, double weightDecay) =>
        AssertClose(ReferenceAdam(lr, beta1, beta2, eps, weightDecay, decoupled: true),
            Run(new AdamW<double>([MakeParameter()], lr, beta1, beta2, eps, weightDecay)));

    [Fact]
    public void Adam_FirstStep_MovesEachWeightByAboutTheLearningRate()
    {
        var parameter = new Parameter<float>(Tensor<float>.FromValues([1f, 1f, 1f], 3));
        parameter.Grad.Span[0] = 1000f;
        parameter.Grad.Span[1] = -0.01f;
        parameter.Grad.Span[2] = 0f;
        new Adam<float>([parameter], learningRate: 0.01).Step();
        Assert.Equal(0.99f, parameter.Value.Span[0], 1e-6f);
        Assert.Equal(1.01f, parameter.Value.Span[1], 1e-5f);
        Assert.Equal(1f, parameter.Value.Span[2]);
    }

    [Fact]
    public void AdamW_DefaultsAreTorchDefaults()
    {
        var adamW = new AdamW<float>([new Parameter<float>(Tensor<float>.Zeros(1))]);
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 1e-2), (adamW.LearningRate, adamW.Beta1, adamW.Beta2, adamW.Epsilon, adamW.WeightDecay));
        Assert.Equal(0.0, new Adam<float>([new Parameter<float>(Tensor<float>.Zeros(1))]).WeightDecay);
    }

    [Fact]
    public void Step_SkipsFrozenParameters()
    {
        var frozen = new Parameter<float>(Tensor<float>.Full(1f, 2)) { RequiresGrad = false };
        var trained = new Parameter<float>(Tensor<float>.Full(1f, 2));
        frozen.Grad.Fill(1f);
        trained.Grad.Fill(1f);
        new AdamW<float>([frozen, trained], learningRate: 0.1).Step();
        Assert.Equal([1f, 1f], frozen.Value.ToArray());
        Assert.NotEqual(1f, trained.Value.Span[0]);
    }

    [Fact]
    public void LearningRate_CanBeScheduledButNotNegative()
    {
        var sgd = new Sgd<float>([new Parameter<float>(Tensor<float>.Zeros(1))], learningRate: 0.1) { LearningRate = 0.01 };
        Assert.Equal(0.01, sgd.LearningRate);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = double.NaN);
    }

    [Fact]
    public void Constructor_RejectsRepeatedParameter()
    {
        var parameter = new Parameter<float>(Tensor<float>.Zeros(1));
        Assert.Throws<ArgumentException>(() => new Adam<float>([parameter, parameter]));
    }

    /// <summary>A run resumed from a checkpoint (through a safetensors file) continues exactly as the uninterrupted run.</summary>
    [Theory]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("sgd")]
    public void StateDict_ThroughSafetensors_ResumesBitForBit(string kind)
    {
        Optimizer<float> Create(Parameter<float>[] ps) => kind switch
        {
            "adam" => new Adam<float>(ps, 0.01, weightDecay: 0.1),
            "adamw" => new AdamW<float>(ps, 0.01),
            _ => new Sgd<float>(ps, 0.01, momentum: 0.9, dampening: 0.1),
        };
        Parameter<float>[] Fresh() => [new(Tensor<float>.FromValues([0.3f, -0.7f, 1.1f], 3)), new(Tensor<float>.FromValues([2f, -1f], 1, 2))];
        void Train(Optimizer<float> optimizer, int from, int to)
        {
            for (int t = from; t < to; t++)
            {
                optimizer.ZeroGrad();
                foreach (var p in optimizer.Parameters)
                    for (int i = 0; i < p.Grad.Length; i++) p.Grad.Span[i] = (float)GradientAt(t + 1, i + p.Grad.Length);
                optimizer.LearningRate = 0.01 / (1 + t);
                optimizer.Step();
            }
        }

        var straight = Create(Fresh());
        Train(straight, 0, 5);

        var first = Create(Fresh());
        Train(first, 0, 3);
        using var stream = new MemoryStream();
        SafeTensorsWriter.Write(stream, first.StateDict());
        var weights = first.Parameters.Select(p => p.Value.Clone()).ToArray();

        var resumedParameters = weights.Select(w => new Parameter<float>(w)).ToArray();
        var resumed = Create(resumedParameters);
        resumed.LoadStateDict(SafeTensorsFile.Parse(stream.ToArray()).ReadAll<float>());
        Train(resumed, 3, 5);

        for (int k = 0; k < resumedParameters.Length; k++)
            Assert.Equal(straight.Parameters[k].Value.ToArray(), resumedParameters[k].Value.ToArray());
    }

    [Fact]
    public void StateDict_UsesPyTorchNames()
    {
        var adam = new Adam<float>([new Parameter<float>(Tensor<float>.Zeros(2))]);
        Assert.Equal(["state.0.exp_avg", "state.0.exp_avg_sq", "state.0.step"], adam.StateDict().Keys.Order());
    }

    [Fact]
    public void LoadStateDict_NamesTheOffendingTensor()
    {
        var adam = new Adam<float>([new Parameter<float>(Tensor<float>.Zeros(2))]);
        var state = adam.StateDict();

        state["state.0.exp_avg"] = Tensor<float>.Zeros(3);
        Assert.Contains("'state.0.exp_avg'", Assert.Throws<ArgumentException>(() => adam.LoadStateDict(state)).Message);

        state.Remove("state.0.exp_avg");
        Assert.Contains("'state.0.exp_avg'", Assert.Throws<KeyNotFoundException>(() => adam.LoadStateDict(state)).Message);

        state = adam.StateDict();
        state["state.0.step"] = Tensor<float>.Full(1.5f, 1);
        Assert.Contains("'state.0.step'", Assert.Throws<ArgumentException>(() => adam.LoadStateDict(state)).Message);

        state = adam.StateDict();
        state["state.0.momentum_buffer"] = Tensor<float>.Zeros(2);
        Assert.Contains("'state.0.momentum_buffer'", Assert.Throws<ArgumentException>(() => adam.LoadStateDict(state)).Message);
    }

    [Fact]
    public void Step_AllocatesNothing()
    {
        Parameter<float>[] parameters = [new(Tensor<float>.Full(0.5f, 300)), new(Tensor<float>.Full(-1f, 7, 5))];
        foreach (var p in parameters) p.Grad.Fill(0.1f);
        Optimizer<float>[] optimizers =
            [new Adam<float>(parameters, weightDecay: 0.1), new AdamW<float>(parameters), new Sgd<float>(parameters, 0.1, momentum: 0.9, weightDecay: 0.1, nesterov: true)];
        foreach (var optimizer in optimizers)
        {
            optimizer.Step(); // warm up (JIT)
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) optimizer.Step();
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
