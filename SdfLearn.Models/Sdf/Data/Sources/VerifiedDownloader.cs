using System.Net.Sockets;
using System.Security.Cryptography;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// Downloads files and keeps them only if their size and SHA-256 match. Bytes go to a temporary file next to the
/// destination that is renamed into place only after verification and deleted on any failure, so nothing
/// half-written or unverified is ever left behind. Mirrors are tried in order.
/// </summary>
public sealed class VerifiedDownloader : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Creates a downloader using <paramref name="http"/> (when null, its own client with a 10 s connect timeout).</summary>
    public VerifiedDownloader(HttpClient? http = null)
    {
        _ownsHttp = http is null;
        _http = http ?? new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = TimeSpan.FromMinutes(10),
        };
    }

    /// <summary>Disposes the HTTP client if this downloader created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    /// <summary>Receives progress reports while bytes arrive (throttled to a few per second), or null.</summary>
    public IProgress<DownloadProgress>? Progress { get; init; }

    /// <summary>
    /// Fetches <paramref name="file"/> from the first mirror that serves it intact and stores it as
    /// <paramref name="directory"/>/<see cref="MnistFile.Name"/>; returns that path.
    /// </summary>
    /// <exception cref="DownloadException">No mirror delivered the file with the right size and hash (the message lists each attempt).</exception>
    public async Task<string> DownloadAsync(MnistFile file, IReadOnlyList<Uri> mirrors, string directory, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(mirrors);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        string destination = Path.Combine(directory, file.Name);
        var failures = new List<string>();
        bool allNetwork = true;
        foreach (var mirror in mirrors)
        {
            var url = new Uri(mirror, file.Name);
            try
            {
                await DownloadOneAsync(url, file, destination, cancellation).ConfigureAwait(false);
                return destination;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException
                                          or TaskCanceledException && !cancellation.IsCancellationRequested)
            {
                failures.Add($"{url}: {e.Message}");
                allNetwork &= e is TaskCanceledException
                    || e is HttpRequestException { StatusCode: null } && e.InnerException is SocketException or null;
            }
        }
        throw new DownloadException($"Could not download {file.Name}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", failures))
        {
            IsNetworkFailure = allNetwork,
        };
    }

    private async Task DownloadOneAsync(Uri url, MnistFile file, string destination, CancellationToken cancellation)
    {
        string temporary = $"{destination}.{Guid.NewGuid():N}.partial";
        try
        {
            using (var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false))
            {
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
                await using var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[1 << 16];
                long received = 0;
                long lastReport = Environment.TickCount64;
                int read;
                while ((read = await body.ReadAsync(buffer, cancellation).ConfigureAwait(false)) > 0)
                {
                    received += read;
                    if (received > file.Length)
                        throw new InvalidDataException($"more than the expected {file.Length:N0} bytes arrived");
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellation).ConfigureAwait(false);
                    if (Progress is not null && Environment.TickCount64 - lastReport >= 250)
                    {
                        lastReport = Environment.TickCount64;
                        Progress.Report(new DownloadProgress(file.Name, received, file.Length));
                    }
                }
                Progress?.Report(new DownloadProgress(file.Name, received, file.Length));
                if (received != file.Length)
                    throw new InvalidDataException($"{received:N0} bytes arrived but {file.Name} has {file.Length:N0} (truncated download?)");
                string actual = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (actual != file.Sha256)
                    throw new InvalidDataException($"SHA-256 mismatch: got {actual}, expected {file.Sha256}; the file was discarded");
            }
            File.Move(temporary, destination, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
