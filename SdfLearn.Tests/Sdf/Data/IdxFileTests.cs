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
    [InlineData(8, "gzip stream is corrupt")] // CRC-32 of the content, in the gzip trailer (zlib checks it when it gets there)
    [InlineData(1, "gzip trailer records")] // uncompressed length, in the gzip trailer
    public void GzipTrailerMismatchIsRefused(int fromEnd, string expected)
    {
        IdxFile.WriteLabels(PathOf("l.gz"), new byte[] { 1, 2, 3, 4, 5 });
        var bytes = File.ReadAllBytes(PathOf("l.gz"));
        bytes[^fromEnd] ^= 0x01;
        File.WriteAllBytes(PathOf("bad.gz"), bytes);
        Assert.Contains(expected, Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(PathOf("bad.gz"))).Message);
    }

    /// <summary>
    /// The case: the bundled labels file with its last 12 bytes overwritten. The deflate data then never
    /// reaches its end, .NET's GZipStream reports a clean end of stream, and 27 of the 10,000 labels came out wrong;
    /// the trailer's size and CRC-32 must refuse it.
    /// </summary>
    [Fact]
    public void GzipWithDamagedTailIsRefusedNotReadAsWrongLabels()
    {
        var bytes = File.ReadAllBytes(RepositoryFiles.Find("data/mnist-sample/sample-labels-idx1-ubyte.gz"));
        Convert.FromHexString("3F8EE610398F9334304D5A3C").CopyTo(bytes, bytes.Length - 12);
        File.WriteAllBytes(PathOf("bad.gz"), bytes);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(PathOf("bad.gz")));
        Assert.Contains("bad.gz", e.Message);
    }

    [Fact]
    public void ConcatenatedGzipMembersAreRefusedClearly()
    {
        var labels = new byte[] { 1, 2, 3, 4, 5, 6 };
        IdxFile.WriteLabels(PathOf("l.gz"), labels);
        var plain = Decompress(File.ReadAllBytes(PathOf("l.gz")));
        var first = Compress(plain[..7]);
        var second = Compress(plain[7..]);
        var whole = first.Concat(second).ToArray();
        File.WriteAllBytes(PathOf("two.gz"), whole);
        Assert.Contains("concatenated", Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(PathOf("two.gz"))).Message);
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
        Assert.Contains("gzip trailer records 16", Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(PathOf("liar3.gz"))).Message);
    }

    /// <summary>
    /// A gzip file whose header and trailer agree on 60,000 images (47 MB, well within what deflate could expand its
    /// 78 KB to) but whose data holds 100: memory follows the data that arrives, not the claim.
    /// </summary>
    [Fact]
    public void GzipThatLiesConsistentlyAllocatesOnlyWhatArrives()
    {
        var pixels = new byte[100 * 28 * 28];
        new Random(4).NextBytes(pixels); // incompressible, so the file is as large as its data
        byte[] plain = [0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28, .. pixels];
        var gzip = Compress(plain);
        BitConverter.TryWriteBytes(gzip.AsSpan(gzip.Length - 4), 16 + 60_000 * 28 * 28);
        File.WriteAllBytes(PathOf("liar.gz"), gzip);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(PathOf("liar.gz")));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("liar.gz", e.Message);
        Assert.True(allocated < 1 << 20, $"{allocated:N0} bytes allocated to refuse a {gzip.Length:N0}-byte file");
    }

    [Fact]
    public void TrailingBytesAndBadDimensionsAreRefused()
    {
        IdxFile.WriteLabels(PathOf("l"), new byte[] { 1, 2 });
        File.AppendAllText(PathOf("l"), "x");
        Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(PathOf("l")));

        WriteGzip(PathOf("l2.gz"), [0, 0, 8, 1, 0, 0, 0, 2, 1, 2, 3]);
        Assert.Contains("gzip trailer records 11", Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(PathOf("l2.gz"))).Message);

        File.WriteAllBytes(PathOf("zero"), [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 28]);
        Assert.Contains("impossible dimensions", Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(PathOf("zero"))).Message);

        File.WriteAllBytes(PathOf("short"), [0, 0, 8, 3, 0, 0]);
        Assert.Contains("inside the 16-byte header", Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(PathOf("short"))).Message);
    }

    private static byte[] Compress(byte[] plain)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(plain);
        return output.ToArray();
    }

    private static byte[] Decompress(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static void WriteGzip(string path, byte[] content) => File.WriteAllBytes(path, Compress(content));
}
