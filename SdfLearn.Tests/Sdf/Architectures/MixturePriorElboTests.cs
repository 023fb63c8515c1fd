using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Sdf.Architectures;

/// <summary>The ELBO's KL term with a learnt mixture prior: its Monte Carlo estimate and the posterior's log-density it uses.</summary>
public class MixturePriorElboTests
{
    [Fact]
    public void PosteriorLogDensity_IsTheDiagonalGaussians()
    {
        var tape = new Tape<double>();
        var z = tape.Constant(Tensor<double>.FromValues([0.5, -1, 2, 0], 2, 2));
        var mu = tape.Constant(Tensor<double>.FromValues([0, -1, 1, 1], 2, 2));
        var logVar = tape.Constant(Tensor<double>.FromValues([0, Math.Log(4), 0, Math.Log(0.25)], 2, 2));
        var logQ = GaussianPosterior.LogDensity(z, mu, logVar).Value.ToArray();
        static double LogNormal(double x, double mean, double variance) => -0.5 * ((x - mean) * (x - mean) / variance + Math.Log(2 * Math.PI * variance));
        Assert.Equal(LogNormal(0.5, 0, 1) + LogNormal(-1, -1, 4), logQ[0], 13);
        Assert.Equal(LogNormal(2, 1, 1) + LogNormal(0, 1, 0.25), logQ[1], 13);
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(1, 1)]
    public void PosteriorLogDensity_Gradient_MatchesFiniteDifferences(int batch, int latent)
    {
        var mu = RandomParameter(71, batch, latent);
        var logVar = RandomParameter(72, batch, latent);
        var z = UniformParameter(73, -2, 2, batch, latent);
        Passes(tape => WeightedSum(GaussianPosterior.LogDensity(tape.Watch(z), tape.Watch(mu), tape.Watch(logVar))), z, mu, logVar);
        // Through the reparameterisation, as in the loss: z = mu + exp(logVar / 2) · eps.
        Passes(tape =>
        {
            var (m, lv) = (tape.Watch(mu), tape.Watch(logVar));
            return WeightedSum(GaussianPosterior.LogDensity(Ops.Reparameterize(m, lv, new SeededRandom(4)), m, lv));
        }, mu, logVar);
    }

    /// <summary>With one standard-normal component the mixture is N(0, I), so the estimate averages to the closed form.</summary>
    [Fact]
    public void MonteCarloKl_ToAStandardNormalMixture_AveragesToTheClosedForm()
    {
        const int batch = 50_000, latent = 3;
        var prior = new MixturePrior<double>(1, latent, new SeededRandom(1));
        prior.Means.Value.Span.Clear();
        var mu = new Tensor<double>(new Shape(batch, latent));
        var logVar = new Tensor<double>(new Shape(batch, latent));
        for (int b = 0; b < batch; b++) // every row the same posterior, so the batch mean is a 50,000-sample estimate
        {
            Tensor<double>.FromValues([0.5, -1, 0], 1, latent).Span.CopyTo(mu.Span.Slice(b * latent, latent));
            Tensor<double>.FromValues([0, Math.Log(0.5), Math.Log(2)], 1, latent).Span.CopyTo(logVar.Span.Slice(b * latent, latent));
        }
        var tape = new Tape<double>();
        var (m, lv) = (tape.Constant(mu), tape.Constant(logVar));
        var z = Ops.Reparameterize(m, lv, new SeededRandom(2));
        double estimate = Ops.Mean(Ops.Sub(GaussianPosterior.LogDensity(z, m, lv), prior.LogDensity(z))).Item();
        double closedForm = Ops.KlDivergence(m, lv).Value[0];
        Assert.Equal(closedForm, estimate, 0.02);
    }
}
