using System.Text.Json;
using System.Text.Json.Serialization;
using SdfLearn.Nn.Training;

namespace SdfLearn.Tests.Nn.Training;

public sealed class LossTermsTests
{
    [Fact]
    public void Sums_ByName_CountingAMissingPartAsZero_AndKeepsTheOrder()
    {
        var sum = LossTerms.Zero + LossTerms.Of(3, ("reconstruction", 2), ("kl", 1)) + LossTerms.Of(5, ("kl", 4), ("prior", 1));
        Assert.Equal(8, sum.Total);
        Assert.Equal(["reconstruction", "kl", "prior"], sum.Names);
        Assert.Equal((2.0, 5.0, 1.0), (sum["reconstruction"], sum["kl"], sum["prior"]));
        Assert.Equal(0, sum["missing"]);
        Assert.Equal(LossTerms.Of(4, ("reconstruction", 1), ("kl", 2.5), ("prior", 0.5)), sum / 2);
    }

    [Fact]
    public void RoundTripsThroughJson_IncludingNaN()
    {
        var options = new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        var terms = LossTerms.Of(double.NaN, ("reconstruction", 0.1), ("kl", 0.2));
        var back = JsonSerializer.Deserialize<LossTerms>(JsonSerializer.Serialize(terms, options), options)!;
        Assert.True(double.IsNaN(back.Total));
        Assert.Equal(["reconstruction", "kl"], back.Names);
        Assert.False(back.IsFinite);
    }

    [Fact]
    public void RepeatedPartNames_AreRefused() =>
        Assert.Throws<ArgumentException>(() => LossTerms.Of(1, ("kl", 1), ("kl", 2)));
}
