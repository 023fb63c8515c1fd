using System.Security.Cryptography;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Tests.Sdf.Data;

public sealed class VerifiedDownloaderTests : IDisposable
{
    private static readonly byte[] Good = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31 + i / 7)).ToArray();
    private static readonly MnistFile File = new("test-file.gz", Good.Length, Convert.ToHexStringLower(SHA256.HashData(Good)));
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-download-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Corrupted()
    {
        var bytes = (byte[])Good.Clone();
        bytes[12_345] ^= 1;
        return bytes;
    }

    [Fact]
    public async Task GoodFileIsStoredUnderItsNameWithProgress()
    {
        using var server = new LocalHttpServer(new() { [File.Name] = Good });
        var reports = new List<DownloadProgress>();
        using var downloader = new VerifiedDownloader { Progress = new SynchronousProgress(reports.Add) };
        string path = await downloader.DownloadAsync(File, [server.BaseUri], _folder);
        Assert.Equal(Path.Combine(_folder, File.Name), path);
        Assert.Equal(Good, System.IO.File.ReadAllBytes(path));
        Assert.Equal(Good.Length, reports[^1].BytesReceived);
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task HashMismatchIsAClearErrorAndLeavesNoFile()
    {
        using var server = new LocalHttpServer(new() { [File.Name] = Corrupted() });
        var e = await Assert.ThrowsAsync<DownloadException>(() => Download(File, [server.BaseUri], _folder));
        Assert.Contains("SHA-256 mismatch", e.Message);
        Assert.Contains(File.Sha256, e.Message);
        Assert.False(e.IsNetworkFailure);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task TruncatedDownloadIsRefusedAndLeavesNoFile()
    {
        using var server = new LocalHttpServer(new() { [File.Name] = Good[..1000] });
        var e = await Assert.ThrowsAsync<DownloadException>(() => Download(File, [server.BaseUri], _folder));
        Assert.Contains("truncated", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task NextMirrorIsTriedWhenOneServesBadData()
    {
        using var bad = new LocalHttpServer(new() { [File.Name] = Corrupted() });
        using var missing = new LocalHttpServer(new());
        using var good = new LocalHttpServer(new() { [File.Name] = Good });
        string path = await Download(File, [bad.BaseUri, missing.BaseUri, good.BaseUri], _folder);
        Assert.Equal(Good, System.IO.File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task UnreachableServerIsReportedAsNetworkFailure()
    {
        var nobody = new Uri($"http://127.0.0.1:{LocalHttpServer.FreePort()}/mnist/");
        var e = await Assert.ThrowsAsync<DownloadException>(() => Download(File, [nobody], _folder));
        Assert.True(e.IsNetworkFailure);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    private static async Task<string> Download(MnistFile file, IReadOnlyList<Uri> mirrors, string folder)
    {
        using var downloader = new VerifiedDownloader();
        return await downloader.DownloadAsync(file, mirrors, folder);
    }

    /// <summary>Unlike <see cref="Progress{T}"/>, reports on the caller's thread, so the last report is in the list on return.</summary>
    private sealed class SynchronousProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
