using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SdfLearn.Sdf.Data;

/// <summary>Where <see cref="MnistSource"/> looks for MNIST, and how it reports what it does.</summary>
public sealed record MnistSourceOptions
{
    /// <summary>Environment variable naming a folder with the MNIST files (used when <see cref="Directory"/> is null).</summary>
    public const string DirectoryVariable = "SDFLEARN_MNIST_DIR";

    /// <summary>A folder holding the MNIST files (.gz or raw); null = $SDFLEARN_MNIST_DIR, if set.</summary>
    public string? Directory { get; init; }

    /// <summary>The cache folder searched next and downloaded into; null = &lt;<see cref="SdfLearnPaths.CacheDirectory"/>&gt;/mnist.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Whether missing files may be downloaded from <see cref="Mirrors"/> (default false: nothing reaches the network unless asked).</summary>
    public bool AllowDownload { get; init; }

    /// <summary>
    /// A folder holding the 10,000-digit sample (<see cref="MnistSample.ImagesFileName"/> and
    /// <see cref="MnistSample.LabelsFileName"/>), used when the training files cannot be had; null = no fallback.
    /// </summary>
    public string? SampleDirectory { get; init; }

    /// <summary>Mirrors to download from, tried in order (default <see cref="MnistFile.Mirrors"/>).</summary>
    public IReadOnlyList<Uri> Mirrors { get; init; } = MnistFile.Mirrors;

    /// <summary>Digits at the end of the training file held out for validation; null = one tenth (1,000 of the sample, 6,000 of MNIST).</summary>
    public int? ValidationCount { get; init; }

    /// <summary>Hears what was found, downloaded or substituted, e.g. "using the sample because..." (default: nothing is logged).</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Receives download progress, or null (the default).</summary>
    public IProgress<DownloadProgress>? Progress { get; init; }

    /// <summary>The HTTP client for downloads; null = one with a 10 s connect timeout.</summary>
    public HttpClient? Http { get; init; }
}
