using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Sdf.Architectures;

/// <summary>The learnt mixture prior: its log-density (value and gradients) and its sampling.</summary>
public class MixturePriorTests
{
    /// <summary>A prior of <paramref name="components"/> components with spread means, scales around 1 and unequal weights.</summary>
    private static MixturePrior<double> Prior(int components, int dimension, ulong seed)
    {
        var prior = new MixturePrior<double>(components, dimension, new SeededRandom(seed));
        new SeededRandom(seed + 1).FillUniform(prior.LogScales.Value.Span, -0.5, 0.5);
        new SeededRandom(seed + 2).FillUniform(prior.Logits.Value.Span, -1.0, 1.0);
        return prior;
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 3, 2)]
    [InlineData(5, 2, 3)]
    public void LogDensity_Gradient_MatchesFiniteDifferences_ForCodesAndEveryParameter(int batch, int dimension, int components)
    {
        var prior = Prior(components, dimension, 20);
        var z = UniformParameter(21, -2, 2, batch, dimension);
        Passes(tape => WeightedSum(prior.LogDensity(tape.Watch(z))), z, prior.Means, prior.LogScales, prior.Logits);
    }

    [Fact]
    public void LogDensity_IsTheWeightedSumOfTheComponentDensities()
    {
        var prior = Prior(3, 2, 30);
        double[] z = [0.3, -1.2];
        var tape = new Tape<double>();
        double logDensity = prior.LogDensity(tape.Constant(Tensor<double>.FromValues(z, 1, 2))).Value[0];

        var weights = prior.Weights();
        double density = 0;
        for (int k = 0; k < 3; k++)
        {
            double component = weights[k];
            for (int j = 0; j < 2; j++)
            {
                double scale = Math.Exp(prior.LogScales.Value[k, j]), u = (z[j] - prior.Means.Value[k, j]) / scale;
                component *= Math.Exp(-0.5 * u * u) / (scale * Math.Sqrt(2 * Math.PI));
            }
            density += component;
        }
        Assert.Equal(Math.Log(density), logDensity, 12);
        Assert.Equal(1, weights.Sum(), 14);
    }

    [Fact]
    public void StartsAsSeededStandardNormalMeans_UnitScales_EqualWeights()
    {
        var prior = new MixturePrior<float>(4, 3, new SeededRandom(5));
        var means = new float[12];
        new SeededRandom(5).FillNormal<float>(means, 0, 1);
        Assert.Equal(means, prior.Means.Value.ToArray());
        Assert.All(prior.LogScales.Value.ToArray(), v => Assert.Equal(0, v));
        Assert.All(prior.Weights(), w => Assert.Equal(0.25, w, 15));
        Assert.Equal(["means", "log_scales", "logits"], prior.NamedParameters().Select(p => p.Key));
        Assert.Equal((4, 3), (prior.Components, prior.Dimension));
    }

    /// <summary>Components far apart, so each draw's component is its nearest mean: frequencies follow the weights, moments the components.</summary>
    [Fact]
    public void Samples_FollowTheWeights_AndEachComponentsMeanAndScale()
    {
        var prior = new MixturePrior<double>(3, 2, new SeededRandom(1));
        double[] means = [-40, 5, 0, 0, 40, -5];
        double[] scales = [0.5, 2, 1, 1, 3, 0.25];
        double[] weights = [0.2, 0.3, 0.5];
        means.CopyTo(prior.Means.Value.Span);
        for (int i = 0; i < 6; i++) prior.LogScales.Value.Span[i] = Math.Log(scales[i]);
        for (int k = 0; k < 3; k++) prior.Logits.Value.Span[k] = Math.Log(weights[k]) + 7; // softmax ignores the shift

        const int count = 40_000;
        var draws = prior.Sample(count, new SeededRandom(9));
        Assert.Equal(new Shape(count, 2), draws.Shape);
        Assert.Equal(draws.ToArray(), prior.Sample(count, new SeededRandom(9)).ToArray());
        var byComponent = Enumerable.Range(0, count).GroupBy(s => (int)Math.Round((draws[s, 0] + 40) / 40)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal([0, 1, 2], byComponent.Keys.Order());
        for (int k = 0; k < 3; k++)
        {
            var members = byComponent[k];
            Assert.Equal(weights[k], members.Count / (double)count, 0.01);
            for (int j = 0; j < 2; j++)
            {
                var values = members.Select(s => (double)draws[s, j]).ToList();
                double mean = values.Average(), sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
                double standardError = scales[2 * k + j] / Math.Sqrt(values.Count);
                Assert.InRange(mean, means[2 * k + j] - 5 * standardError, means[2 * k + j] + 5 * standardError);
                Assert.Equal(scales[2 * k + j], sd, 0.03 * scales[2 * k + j]);
            }
        }
    }

    [Fact]
    public void LogDensity_RefusesCodesOfAnotherSize()
    {
        var prior = Prior(2, 3, 1);
        var tape = new Tape<double>();
        var error = Assert.Throws<ArgumentException>(() => prior.LogDensity(tape.Constant(new Tensor<double>(new Shape(4, 2)))));
        Assert.Contains("[B, 3]", error.Message);
    }
}
