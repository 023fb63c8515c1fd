using SdfLearn.Core;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Tests.Sdf.Evaluation;

public class LatentPathsTests
{
    /// <summary>
    /// A path starts and ends exactly at its endpoints: from + t · (to − from), the formula before, missed the end in
    /// 1,455 of these 4,096 coordinates by a rounding.
    /// </summary>
    [Fact]
    public void APathStartsAndEndsExactlyAtItsEndpoints()
    {
        var random = new SeededRandom(1);
        var from = new float[4096];
        var to = new float[4096];
        random.FillNormal<float>(from, 0, 1);
        random.FillNormal<float>(to, 0, 1);
        var path = LatentPaths.Linear(from, to, 5);
        Assert.Equal(from, path.Span[..4096].ToArray());
        Assert.Equal(to, path.Span[(4 * 4096)..].ToArray());
        Assert.Equal(0.5f * from[7] + 0.5f * to[7], path[2, 7]);
    }

    [Fact]
    public void EndpointsOfDifferentLengthsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => LatentPaths.Linear([1f, 2f], [1f], 3));
        Assert.Throws<ArgumentException>(() => LatentPaths.Between([1f], [2f], 0.5f, new float[2]));
    }
}
