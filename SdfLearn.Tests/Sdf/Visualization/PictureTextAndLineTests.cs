using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Tests.Sdf.Visualization;

public sealed class PictureTextAndLineTests
{
    private static int Inked(RgbImage image) => Enumerable.Range(0, image.Width * image.Height).Count(p => image.Pixels[3 * p] < 128);

    [Fact]
    public void TextIsMeasuredAndDrawnWithinItsBox()
    {
        Assert.Equal(2 * (3 * BitmapFont.Advance - 1), BitmapFont.Measure("a→²", 2));
        var image = new RgbImage(40, 20);
        BitmapFont.Draw(image, "Hi", 1, 1, 2, Rgb.Black);
        Assert.True(Inked(image) > 30);
        for (int y = 0; y < image.Height; y++)
            for (int x = 1 + BitmapFont.Measure("Hi", 2); x < image.Width; x++)
                Assert.Equal(Rgb.White, image[x, y]);
    }

    [Fact]
    public void UnknownCharactersAreBoxesNotGaps()
    {
        var image = new RgbImage(10, 12);
        BitmapFont.Draw(image, "\u4e00", 0, 0, 1, Rgb.Black);
        Assert.Equal(Rgb.Black, image[0, 0]);
    }

    [Fact]
    public void LinesAreAntiAliasedClippedAndJointsPaintedOnce()
    {
        var image = new RgbImage(20, 20);
        var pen = new LineRasterizer(0, 0, 10, 20);
        pen.AddPolyline([(2f, 10.25f), (8f, 10.25f), (15f, 10.25f)], closed: false, lineWidth: 1f);
        pen.Paint(image, Rgb.Black);
        Assert.Equal(image[5, 10], image[8, 10]);                   // the joint at x = 8 is no darker
        Assert.True(image[5, 10].R < 100 && image[5, 9].R > 150 && image[5, 9].R < 255); // partial cover beside the line
        Assert.Equal(Rgb.White, image[12, 10]);                     // beyond the clip rectangle
    }
}
