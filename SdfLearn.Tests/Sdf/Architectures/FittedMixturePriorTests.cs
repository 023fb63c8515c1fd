using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Evaluation;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Sdf.Architectures;

/// <summary>The fitted mixture prior: its start, its refit against <see cref="LatentMixture"/>, its log-density's gradient and its samples.</summary>
public class FittedMixturePriorTests
{
    /// <summary>Codes [count, 3] from two tilted clusters, and posterior variances around them.</summary>
    private static (Tensor<float> Codes, Tensor<float> Variances) Posteriors(int count, ulong seed)
    {
        var random = new SeededRandom(seed);
        var codes = new Tensor<float>(new Shape(count, 3));
        var variances = new Tensor<float>(new Shape(count, 3));
        for (int s = 0; s < count; s++)
        {
            double offset = s % 2 == 0 ? -2 : 2, a = random.NextNormal();
            codes.Span[3 * s] = (float)(offset + 0.5 * a);
            codes.Span[3 * s + 1] = (float)(0.3 * a + 0.4 * random.NextNormal());
            codes.Span[3 * s + 2] = (float)(offset * 0.5 + 0.2 * random.NextNormal());
            for (int j = 0; j < 3; j++) variances.Span[3 * s + j] = (float)(0.01 + 0.02 * random.NextDouble());
        }
        return (codes, variances);
    }

    private static double LogDensity(FittedMixturePrior<double> prior, double[] z)
    {
        var tape = new Tape<double>();
        return prior.LogDensity(tape.Constant(Tensor<double>.FromValues(z, 1, z.Length))).Value[0];
    }

    [Fact]
    public void BeforeTheFirstRefit_ItIsTheStandardNormal()
    {
        var prior = new FittedMixturePrior<double>(4, 3);
        double[] z = [0.3, -1.2, 2.0];
        double expected = -0.5 * z.Sum(v => v * v) - 1.5 * Math.Log(2 * Math.PI);
        Assert.Equal(expected, LogDensity(prior, z), 12);
    }

    [Fact]
    public void AfterARefit_ItsLogDensity_IsTheFittedMixtures()
    {
        var (codes, variances) = Posteriors(400, 1);
        var prior = new FittedMixturePrior<double>(3, 3);
        var mixture = prior.Refit(codes, variances, seed: 2);
        var tape = new Tape<double>();
        var asDouble = new Tensor<double>(codes.ToArray().Select(v => (double)v).ToArray(), codes.Shape);
        double mean = prior.LogDensity(tape.Constant(asDouble)).Value.ToArray().Average();
        Assert.Equal(mixture.MeanLogLikelihoodOf(codes), mean, 9);
        Assert.Equal(mixture.Weights.ToArray().Sum(), prior.LogWeights.ToArray().Sum(Math.Exp), 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void LogDensity_Gradient_MatchesFiniteDifferences(int batch)
    {
        var (codes, variances) = Posteriors(200, 3);
        var prior = new FittedMixturePrior<double>(3, 3);
        prior.Refit(codes, variances, seed: 4);
        var z = UniformParameter(5, -3, 3, batch, 3);
        Passes(tape => WeightedSum(prior.LogDensity(tape.Watch(z))), z);
    }

    [Fact]
    public void Samples_AreTheFittedMixtures()
    {
        var (codes, variances) = Posteriors(400, 6);
        var prior = new FittedMixturePrior<double>(3, 3);
        var mixture = prior.Refit(codes, variances, seed: 7);
        var fromPrior = prior.Sample(50, new SeededRandom(8)).ToArray();
        var fromMixture = mixture.Sample(50, new SeededRandom(8)).ToArray();
        for (int i = 0; i < fromPrior.Length; i++) Assert.Equal(fromMixture[i], fromPrior[i], 4);
    }

    [Fact]
    public void CodesOfAnotherDimension_AreRefused()
    {
        var prior = new FittedMixturePrior<float>(2, 3);
        var codes = new Tensor<float>(new Shape(10, 4));
        var error = Assert.Throws<ArgumentException>(() => prior.Refit(codes, codes, seed: 0));
        Assert.Contains("dimension 3", error.Message);
    }
}
