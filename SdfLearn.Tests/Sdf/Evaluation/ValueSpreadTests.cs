using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Tests.Sdf.Evaluation;

public sealed class ValueSpreadTests
{
    [Fact]
    public void Of_GivesExtremesNearestRankPercentilesAndInsideShare()
    {
        // 200 values: -0.99, -0.98, ..., 1.00 in shuffled order; 99 of them are below 0 (and one is exactly 0).
        var values = Enumerable.Range(1, 200).Select(i => (float)((i - 100) / 100.0)).Reverse().ToArray();
        var spread = ValueSpread.Of(values);
        Assert.Equal(-0.99f, (float)spread.Min);
        Assert.Equal(1f, (float)spread.Max);
        Assert.Equal(-0.98f, (float)spread.P01); // rank ceil(0.01 * 200) = 2
        Assert.Equal(0.98f, (float)spread.P99);  // rank 198
        Assert.Equal(99 / 200.0, spread.InsideFraction);
    }

    [Fact]
    public void Of_CountsRunsOfZeroAsOutside_AndLeavesTheInputAlone()
    {
        float[] values = [0, 0, 0, -1, 0, 2];
        var spread = ValueSpread.Of(values);
        Assert.Equal(1 / 6.0, spread.InsideFraction);
        Assert.Equal([0f, 0, 0, -1, 0, 2], values);
        Assert.Equal(-1, spread.P01);
        Assert.Equal(2, spread.P99);
    }

    [Fact]
    public void Of_RefusesEmptyAndNaN()
    {
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => ValueSpread.Of([])).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => ValueSpread.Of([1f, float.NaN])).Message);
    }
}
