using SdfLearn.Sdf.Data;

namespace SdfLearn.Tests.Sdf.Data;

public sealed class MnistSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-source-").FullName;
    private readonly ListLogger _logger = new();
    private IEnumerable<string> Log => _logger.Messages;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private MnistSourceOptions Options(string? directory = null, bool allowDownload = false, IReadOnlyList<Uri>? mirrors = null) => new()
    {
        Directory = directory,
        CacheDirectory = Path.Combine(_folder, "cache"),
        AllowDownload = allowDownload,
        Mirrors = mirrors ?? MnistFile.Mirrors,
        SampleDirectory = BundledSample.Directory,
        Logger = _logger,
    };

    private static void WriteFakeMnist(string folder, MnistFile images, MnistFile labels, int count, bool gzip)
    {
        Directory.CreateDirectory(folder);
        var pixels = new byte[count * 28 * 28];
        var labelBytes = new byte[count];
        for (int i = 0; i < count; i++) labelBytes[i] = (byte)(i % 10);
        pixels[0] = 77;
        IdxFile.WriteImages(Path.Combine(folder, gzip ? images.Name : images.RawName), new IdxImages(pixels, count, 28, 28));
        IdxFile.WriteLabels(Path.Combine(folder, gzip ? labels.Name : labels.RawName), labelBytes);
    }

    [Fact]
    public void NamedFolderIsUsedFirstWithRawOrGzipFiles()
    {
        string named = Path.Combine(_folder, "named");
        WriteFakeMnist(named, MnistFile.TrainImages, MnistFile.TrainLabels, 50, gzip: false);
        WriteFakeMnist(named, MnistFile.TestImages, MnistFile.TestLabels, 20, gzip: true);
        var splits = MnistSource.Load(Options(named));
        Assert.False(splits.IsSample);
        Assert.Equal((45, 5, 20), (splits.Train.Count, splits.Validation.Count, splits.Test!.Count));
        Assert.Equal(77, splits.Train.Images.Pixels[0]);
        Assert.Equal(Path.GetFullPath(named), splits.Origin);
    }

    [Fact]
    public void CacheFolderIsSearchedWhenNoFolderIsNamed()
    {
        WriteFakeMnist(Path.Combine(_folder, "cache"), MnistFile.TrainImages, MnistFile.TrainLabels, 30, gzip: true);
        var splits = MnistSource.Load(Options() with { ValidationCount = 10 });
        Assert.Equal((20, 10), (splits.Train.Count, splits.Validation.Count));
        Assert.Null(splits.Test);
        Assert.Contains(Log, m => m.Contains("t10k"));
    }

    [Fact]
    public void WithoutFilesOrNetworkTheBundledSampleIsUsedAndSaid()
    {
        var offline = new Uri($"http://127.0.0.1:{LocalHttpServer.FreePort()}/mnist/");
        var splits = MnistSource.Load(Options(Path.Combine(_folder, "nothing-here"), allowDownload: true, mirrors: [offline]));
        Assert.True(splits.IsSample);
        Assert.Equal((9_000, 1_000), (splits.Train.Count, splits.Validation.Count));
        Assert.Null(splits.Test);
        Assert.Contains(Log, m => m.Contains("no network") && m.Contains("using the sample"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "cache")));
    }

    [Fact]
    public void SampleIsCombinedWithARealTestSetFoundLocally()
    {
        string named = Path.Combine(_folder, "t10k-only");
        WriteFakeMnist(named, MnistFile.TestImages, MnistFile.TestLabels, 20, gzip: true);
        var splits = MnistSource.Load(Options(named));
        Assert.True(splits.IsSample);
        Assert.Equal(20, splits.Test!.Count);
        Assert.Contains(Log, m => m.Contains("downloads are disabled"));
    }

    [Fact]
    public void DownloadsAreOffUnlessAskedFor()
    {
        using var server = new LocalHttpServer([]);
        Assert.False(new MnistSourceOptions().AllowDownload);
        var splits = MnistSource.Load(new MnistSourceOptions
        {
            CacheDirectory = Path.Combine(_folder, "cache"),
            Mirrors = [server.BaseUri],
            SampleDirectory = BundledSample.Directory,
            Logger = _logger,
        });
        Assert.True(splits.IsSample);
        Assert.Contains(Log, m => m.Contains("downloads are disabled"));
        Assert.DoesNotContain(Log, m => m.Contains("Download of"));
    }

    [Fact]
    public void WithoutTrainingFilesOrSampleFolderTheErrorSaysWhatToDo()
    {
        var e = Assert.Throws<FileNotFoundException>(() => MnistSource.Load(Options() with { SampleDirectory = null }));
        Assert.Contains("AllowDownload", e.Message);
        Assert.Contains("SampleDirectory", e.Message);
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public void CorruptLocalFileIsReportedNotSkipped()
    {
        string named = Path.Combine(_folder, "corrupt");
        Directory.CreateDirectory(named);
        File.WriteAllBytes(Path.Combine(named, MnistFile.TrainImages.RawName), [0, 0, 8, 3, 0, 0, 0, 9]);
        File.WriteAllBytes(Path.Combine(named, MnistFile.TrainLabels.RawName), [0, 0, 8, 1, 0, 0, 0, 0]);
        Assert.Throws<InvalidDataException>(() => MnistSource.Load(Options(named)));
    }
}
