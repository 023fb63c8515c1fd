using SdfLearn.Tests.Sdf.Data;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Visualization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace SdfLearn.Tests.Sdf.Visualization;

public sealed class SdfMontageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-png-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ColourMapIsWhiteAtZeroBlueInsideRedOutside()
    {
        var map = new DivergingColorMap(0.25f);
        Assert.Equal(Rgb.White, map.Map(0f));
        var inside = map.Map(-0.25f);
        var outside = map.Map(0.25f);
        Assert.True(inside.B > inside.R + 100);
        Assert.True(outside.R > outside.B + 100);
        Assert.Equal(inside, map.Map(-5f)); // saturates
        Assert.True(map.Map(-0.05f).B < 255 && map.Map(-0.05f).R < map.Map(-0.01f).R); // deeper with distance
    }

    [Fact]
    public void MontageOfSixteenDigitsIsAPngWithColouredFields()
    {
        var data = MnistSdf.Fields(BundledSample.Load().Slice(9_000, 16), new SdfOptions());
        string path = Path.Combine(_folder, "sub", "digits.png");
        var montage = SdfMontage.FromDataset(data, 16, columns: 8, title: "test");
        montage.SavePng(path);
        Assert.Equal(2, montage.RowCount);

        using var bitmap = Image.Load<Rgb24>(path);
        Assert.True(bitmap.Width > 8 * 128 && bitmap.Height > 2 * 128, $"{bitmap.Width}x{bitmap.Height}");
        int red = 0, blue = 0, dark = 0;
        for (int y = 0; y < bitmap.Height; y += 2)
        {
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap[x, y];
                if (c.R > c.B + 80) red++;
                if (c.B > c.R + 40) blue++;
                if (c.R < 60 && c.G < 60 && c.B < 60) dark++;
            }
        }
        Assert.True(red > 10_000 && blue > 500 && dark > 200, $"red {red}, blue {blue}, dark (contours, text) {dark}");
    }

    [Fact]
    public void ComparisonRowsComeFromTensorsAndGreyCellsDraw()
    {
        var data = MnistSdf.Fields(BundledSample.Load().Slice(0, 4), new SdfOptions { Resolution = 32 });
        var montage = new SdfMontage { CellSize = 64 }
            .AddRow("input", data.Fields, ["a", "b", "c", "d"])
            .AddRow("reconstruction", data.Fields.Reshape(4, 32, 32))
            .AddRow("grey", [MontageCell.Grey(new float[28 * 28], 28, 28, "black")]);
        var image = montage.Render();
        Assert.Equal(3, montage.RowCount);
        Assert.True(image.Width > 4 * 64);

        string single = Path.Combine(_folder, "one.png");
        SdfPicture.SavePng(single, data.Field(0), 32, pixelScale: 3);
        using var picture = Image.Load<Rgb24>(single);
        Assert.Equal((96, 96), (picture.Width, picture.Height));
    }

    [Fact]
    public void BadInputsAreRefusedClearly()
    {
        Assert.Throws<InvalidOperationException>(() => new SdfMontage().Render());
        Assert.Contains("[N, 1, S, S]", Assert.Throws<ArgumentException>(() =>
            new SdfMontage().AddRow("x", SdfLearn.Core.Tensor<float>.Zeros(2, 3, 4, 4))).Message);
        Assert.Throws<ArgumentException>(() => MontageCell.Field(new float[10], 4));
    }
}
