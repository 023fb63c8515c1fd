using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Tests.Sdf.Visualization;

public sealed class RgbImageTests
{
    [Fact]
    public void SavePng_WritesAPngOfTheRightSize_AndNoTemporaryFile()
    {
        var folder = Directory.CreateTempSubdirectory("sdflearn-png-").FullName;
        try
        {
            var image = new RgbImage(5, 3);
            image[4, 2] = new Rgb(10, 20, 30);
            image.Blend(0, 0, Rgb.Black, 0.5f);
            string path = Path.Combine(folder, "sub", "a.png");
            image.SavePng(path);

            var bytes = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            // IHDR: width and height, big-endian, at bytes 16 and 20.
            Assert.Equal(5, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.Equal(3, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
            Assert.Equal(new Rgb(10, 20, 30), image[4, 2]);
            Assert.Equal(new Rgb(128, 128, 128), image[0, 0]);
            Assert.Single(Directory.GetFiles(Path.Combine(folder, "sub")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Indexer_OutsideThePicture_NamesThePixel()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(2, 2)[2, 0]);
        Assert.Contains("(2, 0)", error.Message);
    }
}
