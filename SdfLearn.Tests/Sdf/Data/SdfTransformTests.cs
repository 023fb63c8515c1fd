using SdfLearn.Core;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Tests.Sdf.Data;

public class SdfTransformTests
{
    private static float[] FromMask(bool[] inside, SdfOptions options)
    {
        var sdf = new float[inside.Length];
        new SdfTransform(options).FromMask(inside, sdf);
        return sdf;
    }

    [Fact]
    public void SignedDistanceIsDistanceToInsideMinusDistanceToOutsideOverS()
    {
        const int s = 20;
        var random = new SeededRandom(7);
        for (int trial = 0; trial < 20; trial++)
        {
            var inside = new bool[s * s];
            for (int i = 0; i < inside.Length; i++) inside[i] = random.NextDouble() < 0.3;
            var toInside = DistanceTransformTests.BruteForce(inside, true, s, s);
            var toOutside = DistanceTransformTests.BruteForce(inside, false, s, s);
            var sdf = FromMask(inside, new SdfOptions { Resolution = s });
            for (int p = 0; p < sdf.Length; p++)
            {
                float expected = (float)((Math.Sqrt(toInside[p]) - Math.Sqrt(toOutside[p])) / s);
                Assert.Equal(expected, sdf[p], 6);
                Assert.Equal(inside[p], sdf[p] < 0);
            }
        }
    }

    [Fact]
    public void EmptyImageMeasuresDistanceToTheRingBeyondTheBorder()
    {
        const int s = 8;
        var sdf = FromMask(new bool[s * s], new SdfOptions { Resolution = s });
        Assert.Equal(1f / s, sdf[0]);                       // corner: the ring is one pixel away
        Assert.Equal(4f / s, sdf[3 * s + 4]);               // centre: min(4, 5, 5, 4) = 4
        Assert.All(sdf, v => Assert.True(v > 0 && float.IsFinite(v)));
    }

    [Fact]
    public void FullImageIsTheNegativeMirrorOfTheEmptyOne()
    {
        const int s = 8;
        var full = Enumerable.Repeat(true, s * s).ToArray();
        var empty = FromMask(new bool[s * s], new SdfOptions { Resolution = s });
        Assert.Equal(empty.Select(v => -v), FromMask(full, new SdfOptions { Resolution = s }));
    }

    [Fact]
    public void TruncationClampsAndScaleMultiplies()
    {
        const int s = 16;
        var inside = new bool[s * s];
        inside[8 * s + 8] = true;
        var plain = FromMask(inside, new SdfOptions { Resolution = s });
        var scaled = FromMask(inside, new SdfOptions { Resolution = s, Scale = 2f, Truncation = 0.1f });
        for (int p = 0; p < plain.Length; p++) Assert.Equal(Math.Clamp(2 * plain[p], -0.1f, 0.1f), scaled[p], 6);
        Assert.Contains(scaled, v => v == 0.1f);
    }

    [Fact]
    public void BadOptionsAreRefusedByName()
    {
        Assert.Contains("Resolution", Assert.Throws<ArgumentOutOfRangeException>(() => new SdfTransform(new SdfOptions { Resolution = 1 })).Message);
        Assert.Contains("Truncation", Assert.Throws<ArgumentOutOfRangeException>(() => new SdfTransform(new SdfOptions { Truncation = 0 })).Message);
        Assert.Contains("Threshold", Assert.Throws<ArgumentOutOfRangeException>(() => new SdfTransform(new SdfOptions { Threshold = float.NaN })).Message);
    }

    [Fact]
    public void ResizeToTheSameSizeIsTheIdentityAndConstantsStayConstant()
    {
        var image = new byte[28 * 28];
        for (int i = 0; i < image.Length; i++) image[i] = (byte)(i * 37 % 256);
        var same = new float[28 * 28];
        new BilinearResize(28, 28, 28, 28).Resize(image, same);
        for (int i = 0; i < image.Length; i++) Assert.Equal(image[i] / 255f, same[i]);

        var constant = Enumerable.Repeat((byte)200, 28 * 28).ToArray();
        var up = new float[64 * 64];
        new BilinearResize(28, 28, 64, 64).Resize(constant, up);
        Assert.All(up, v => Assert.Equal(200 / 255f, v, 6));
    }

    [Fact]
    public void ResizeUsesHalfPixelCentresLikePyTorch()
    {
        // 2 -> 4 columns: PyTorch gives [a, 0.75a + 0.25b, 0.25a + 0.75b, b] (source -0.25 is clamped to 0).
        var up = new float[4];
        new BilinearResize(1, 2, 1, 4).Resize(new byte[] { 0, 255 }, up);
        Assert.Equal(new[] { 0f, 0.25f, 0.75f, 1f }, up);
    }
}
