using SdfLearn.Core;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Tests.Sdf.Data;

public class DistanceTransformTests
{
    /// <summary>Squared distance to the nearest feature pixel by trying every pixel.</summary>
    internal static int[] BruteForce(bool[] image, bool feature, int rows, int columns)
    {
        var result = new int[rows * columns];
        for (int p = 0; p < result.Length; p++)
        {
            int best = DistanceTransform.NoFeature;
            for (int q = 0; q < result.Length; q++)
            {
                if (image[q] != feature) continue;
                int di = p / columns - q / columns, dj = p % columns - q % columns;
                best = Math.Min(best, di * di + dj * dj);
            }
            result[p] = best;
        }
        return result;
    }

    private static void AssertMatchesBruteForce(bool[] image, int rows, int columns)
    {
        var transform = new DistanceTransform();
        var actual = new int[rows * columns];
        foreach (bool feature in new[] { true, false })
        {
            transform.Compute(image, feature, rows, columns, actual);
            Assert.Equal(BruteForce(image, feature, rows, columns), actual);
        }
    }

    [Theory]
    [InlineData(1, 1, 0.5)]
    [InlineData(7, 13, 0.05)]
    [InlineData(16, 16, 0.01)]
    [InlineData(16, 16, 0.5)]
    [InlineData(31, 9, 0.9)]
    [InlineData(40, 40, 0.002)]
    public void RandomImagesMatchBruteForce(int rows, int columns, double density)
    {
        var random = new SeededRandom(12345);
        for (int trial = 0; trial < 10; trial++)
        {
            var image = new bool[rows * columns];
            for (int i = 0; i < image.Length; i++) image[i] = random.NextDouble() < density;
            AssertMatchesBruteForce(image, rows, columns);
        }
    }

    public static TheoryData<string> AdversarialNames => new(AdversarialImages(24, 17).Keys);

    internal static Dictionary<string, bool[]> AdversarialImages(int rows, int columns)
    {
        bool[] Make(Func<int, int, bool> inside)
        {
            var image = new bool[rows * columns];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++)
                    image[i * columns + j] = inside(i, j);
            return image;
        }
        return new Dictionary<string, bool[]>
        {
            ["empty"] = Make((_, _) => false),
            ["full"] = Make((_, _) => true),
            ["single centre pixel"] = Make((i, j) => i == rows / 2 && j == columns / 2),
            ["single corner pixel"] = Make((i, j) => i == 0 && j == columns - 1),
            ["all but one pixel"] = Make((i, j) => !(i == 3 && j == 5)),
            ["horizontal line"] = Make((i, _) => i == 5),
            ["vertical line"] = Make((_, j) => j == columns - 2),
            ["diagonal line"] = Make((i, j) => i == j),
            ["anti-diagonal line"] = Make((i, j) => i + j == columns - 1),
            ["two far pixels"] = Make((i, j) => (i == 0 && j == 0) || (i == rows - 1 && j == columns - 1)),
            ["checkerboard"] = Make((i, j) => ((i + j) & 1) == 0),
            ["border frame"] = Make((i, j) => i == 0 || j == 0 || i == rows - 1 || j == columns - 1),
            ["thin ring"] = Make((i, j) => Math.Abs(Math.Sqrt((i - rows / 2.0) * (i - rows / 2.0) + (j - columns / 2.0) * (j - columns / 2.0)) - 6) < 0.5),
        };
    }

    [Theory]
    [MemberData(nameof(AdversarialNames))]
    public void AdversarialImagesMatchBruteForce(string name)
    {
        AssertMatchesBruteForce(AdversarialImages(24, 17)[name], 24, 17);
    }

    [Fact]
    public void NoFeatureGivesTheSentinelEverywhere()
    {
        var actual = new int[6];
        new DistanceTransform().Compute(new bool[6], feature: true, 2, 3, actual);
        Assert.All(actual, d => Assert.Equal(DistanceTransform.NoFeature, d));
    }

    [Fact]
    public void WrongLengthsAreRefusedWithTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => new DistanceTransform().Compute(new bool[5], true, 2, 3, new int[6]));
        Assert.Contains("2x3", e.Message);
    }
}
