using SdfLearn.Core;

namespace SdfLearn.Tests.Core.Random;

public class SeededRandomTests
{
    [Fact]
    public void SameSeed_GivesSameStream()
    {
        var a = new SeededRandom(7);
        var b = new SeededRandom(7);
        for (int i = 0; i < 100; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentStreams() => Assert.NotEqual(new SeededRandom(1).NextUInt64(), new SeededRandom(2).NextUInt64());

    [Fact]
    public void Normal_HasUnitMomentsAndUniformIsInRange()
    {
        var rng = new SeededRandom(3);
        var normal = new double[200_000];
        rng.FillNormal<double>(normal, 0, 1);
        double mean = normal.Average();
        double variance = normal.Select(x => (x - mean) * (x - mean)).Average();
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);

        var uniform = new float[10_000];
        rng.FillUniform<float>(uniform, -2, 3);
        Assert.All(uniform, u => Assert.InRange(u, -2f, 3f));
        Assert.InRange(uniform.Average(), 0.4, 0.6);
    }

    [Fact]
    public void NextInt_CoversRangeWithoutBias()
    {
        var rng = new SeededRandom(4);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++) counts[rng.NextInt(7)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
    }

    [Fact]
    public void Shuffle_IsAPermutationAndReproducible()
    {
        int[] a = Enumerable.Range(0, 50).ToArray(), b = Enumerable.Range(0, 50).ToArray();
        new SeededRandom(5).Shuffle<int>(a);
        new SeededRandom(5).Shuffle<int>(b);
        Assert.Equal(a, b);
        Assert.NotEqual(Enumerable.Range(0, 50), a);
        Assert.Equal(Enumerable.Range(0, 50), a.Order());
    }

    [Fact]
    public void State_RoundTripContinuesTheStreamExactly()
    {
        var rng = new SeededRandom(9);
        rng.NextNormal(); // leaves a spare normal in the state
        var restored = SeededRandom.FromState(rng.GetState());
        for (int i = 0; i < 10; i++) Assert.Equal(rng.NextNormal(), restored.NextNormal());
        Assert.Throws<ArgumentException>(() => SeededRandom.FromState(new ulong[3]));
    }

    [Fact]
    public void Derive_DependsOnEveryKeyAndIsReproducible()
    {
        Assert.Equal(SeededRandom.Derive(1, 2, 3).NextUInt64(), SeededRandom.Derive(1, 2, 3).NextUInt64());
        var values = new HashSet<ulong>
        {
            SeededRandom.Derive(1, 2, 3).NextUInt64(), SeededRandom.Derive(1, 3, 2).NextUInt64(),
            SeededRandom.Derive(2, 2, 3).NextUInt64(), SeededRandom.Derive(1, 2).NextUInt64(), SeededRandom.Derive(1).NextUInt64(),
        };
        Assert.Equal(5, values.Count);

        var reseeded = new SeededRandom(99);
        reseeded.NextNormal();
        reseeded.Reseed(1, 2, 3);
        var derived = SeededRandom.Derive(1, 2, 3);
        for (int i = 0; i < 5; i++) Assert.Equal(derived.NextNormal(), reseeded.NextNormal());
    }
}
