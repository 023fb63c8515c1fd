using SdfLearn.Cli.Reports;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Cli.Experiments;

/// <summary>Loads MNISTSDF for the app: train and validation from MNIST or the bundled sample, test from t10k when found.</summary>
public static class DataLoading
{
    /// <summary>The app's copy of the 10,000-digit MNIST sample (data/mnist-sample, copied next to the app at build).</summary>
    public static string SampleDirectory => Path.Combine(AppContext.BaseDirectory, "mnist-sample");

    /// <summary>Whether missing MNIST files may be downloaded (the global <c>--download</c> option); off by default.</summary>
    public static bool AllowDownload { get; set; }

    /// <summary>The data, with the test split limited to <paramref name="testCount"/> fields (the validation split stands in when t10k is missing).</summary>
    public static (SdfDataset Train, SdfDataset Validation, SdfDataset Test, string TestOrigin) Load(string? mnistDirectory, int resolution, int? trainCount, int testCount)
    {
        var data = MnistSdf.Load(new MnistSdfOptions
        {
            Source = new MnistSourceOptions
            {
                Directory = mnistDirectory,
                SampleDirectory = SampleDirectory,
                AllowDownload = AllowDownload,
                Logger = StandardErrorLogger.Instance,
                Progress = new DownloadProgressLine(),
            },
            Sdf = new SdfOptions { Resolution = resolution },
        });
        var train = trainCount is int n && n < data.Train.Count ? data.Train.Slice(0, n) : data.Train;
        var (test, origin) = data.Test is { } t
            ? (t, "MNIST test set (t10k)")
            : (data.Validation, "validation split (the MNIST test set was not found; name its folder with --mnist-dir)");
        return (train, data.Validation, test.Slice(0, Math.Min(testCount, test.Count)), origin);
    }
}
