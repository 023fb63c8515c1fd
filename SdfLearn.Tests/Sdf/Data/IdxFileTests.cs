using System.IO.Compression;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Tests.Sdf.Data;

public sealed class IdxFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-idx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static IdxImages SomeImages()
    {
        var pixels = new byte[5 * 4 * 3];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 7);
        return new IdxImages(pixels, 5, 4, 3);
    }

    [Theory]
    [InlineData("images-idx3-ubyte")]
    [InlineData("images-idx3-ubyte.gz")]
    public void ImagesAndLabelsRoundTrip(string name)
    {
        var images = SomeImages();
        IdxFile.WriteImages(PathOf(name), images);
        IdxFile.WriteLabels(PathOf("labels" + name), new byte[] { 1, 2, 3 });
        var read = IdxFile.ReadImages(PathOf(name));
        Assert.Equal((5, 4, 3), (read.Count, read.Rows, read.Columns));
        Assert.Equal(images.Pixels, read.Pixels);
        Assert.Equal(new byte[] { 1, 2, 3 }, IdxFile.ReadLabels(PathOf("labels" + name)));
    }

    [Fact]
    public void BundledSampleHasTenThousandDigitsOfEveryClass()
    {
        var sample = BundledSample.Load();
        Assert.Equal((10_000, 28, 28), (sample.Images.Count, sample.Images.Rows, sample.Images.Columns));
        Assert.Equal(Enumerable.Range(0, 10), sample.Labels.Skip(9_000).Distinct().Order().Select(b => (int)b));
    }

    [Fact]
    public void WrongMagicIsNamed()
    {
        IdxFile.WriteLabels(PathOf("labels"), new byte[] { 1 });
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(PathOf("labels")));
        Assert.Contains("labels file", e.Message);
        Assert.Contains(PathOf("labels"), e.Message);

        File.WriteAllBytes(PathOf("junk"), new byte[] { 0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0 });
        Assert.Contains("bad magic number 0x12345678", Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(PathOf("junk"))).Message);
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("raw.gz")]
    public void TruncatedFilesAreRefused(string name)
    {
        IdxFile.WriteImages(PathOf("full-" + name), SomeImages());
        byte[] whole = name.EndsWith(".gz") ? Decompress(File.ReadAllBytes(PathOf("full-" + name))) : File.ReadAllBytes(PathOf("full-" + name));
        byte[] cut = whole[..^10];
        if (name.EndsWith(".gz")) WriteGzip(PathOf(name), cut);
        else File.WriteAllBytes(PathOf(name), cut);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(PathOf(name)));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void TruncatedGzipStreamIsRefused()
    {
        IdxFile.WriteImages(PathOf("a.gz"), SomeImages());
        var bytes = File.ReadAllBytes(PathOf("a.gz"));
        File.WriteAllBytes(PathOf("cut.gz"), bytes[..(bytes.Length / 2)]);
        Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(PathOf("cut.gz")));
    }

    [Fact]
    public void CorruptGzipIsRefused()
    {
        IdxFile.WriteImages(PathOf("a.gz"), SomeImages());
        var bytes = File.ReadAllBytes(PathOf("a.gz"));
        for (int i = 12; i < bytes.Length - 8; i++) bytes[i] ^= 0x5A;
        File.WriteAllBytes(PathOf("bad.gz"), bytes);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(PathOf("bad.gz")));
        Assert.Contains("bad.gz", e.Message);
    }

    [Theory]
    [InlineData(8)] // CRC-32 of the content, in the gzip trailer
    [InlineData(1)] // uncompressed length, in the gzip trailer
    public void GzipTrailerMismatchIsRefused(int fromEnd)
    {
        IdxFile.WriteLabels(PathOf("l.gz"), new byte[] { 1, 2, 3, 4, 5 });
        var bytes = File.ReadAllBytes(PathOf("l.gz"));
        bytes[^fromEnd] ^= 0x01;
        File.WriteAllBytes(PathOf("bad.gz"), bytes);
        Assert.Contains("gzip stream is corrupt", Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(PathOf("bad.gz"))).Message);
    }

    [Fact]
    public void LyingHeaderIsRefusedBeforeAllocating()
    {
        // Claims 2^31-1 images of 28x28; the file holds 16 bytes. Must fail on the header, not try to allocate.
        byte[] header = [0, 0, 8, 3, 0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 28, 0, 0, 0, 28];
        File.WriteAllBytes(PathOf("liar"), header);
        Assert.Contains("more than one array", Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(PathOf("liar"))).Message);

        byte[] plausible = [0, 0, 8, 3, 0, 1, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28]; // 65,536 images: 51 MB
        File.WriteAllBytes(PathOf("liar2"), plausible);
        Assert.Contains("file holds 16 bytes", Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(PathOf("liar2"))).Message);
        WriteGzip(PathOf("liar3.gz"), plausible);
        Assert.Contains("compressed bytes can hold", Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(PathOf("liar3.gz"))).Message);
    }

    [Fact]
    public void TrailingBytesAndBadDimensionsAreRefused()
    {
        IdxFile.WriteLabels(PathOf("l"), new byte[] { 1, 2 });
        File.AppendAllText(PathOf("l"), "x");
        Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(PathOf("l")));

        WriteGzip(PathOf("l2.gz"), [0, 0, 8, 1, 0, 0, 0, 2, 1, 2, 3]);
        Assert.Contains("bytes after", Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(PathOf("l2.gz"))).Message);

        File.WriteAllBytes(PathOf("zero"), [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 28]);
        Assert.Contains("impossible dimensions", Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(PathOf("zero"))).Message);

        File.WriteAllBytes(PathOf("short"), [0, 0, 8, 3, 0, 0]);
        Assert.Contains("inside the 16-byte header", Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(PathOf("short"))).Message);
    }

    private static byte[] Decompress(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static void WriteGzip(string path, byte[] content)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        gz.Write(content);
    }
}
