using SdfLearn.Sdf.Data;

namespace SdfLearn.Cli.Experiments;

/// <summary>Loads MNISTSDF for the app: train and validation from MNIST or the bundled sample, test from t10k when found.</summary>
public static class DataLoading
{
    /// <summary>The data, with the test split limited to <paramref name="testCount"/> fields (the validation split stands in when t10k is missing).</summary>
    public static (SdfDataset Train, SdfDataset Validation, SdfDataset Test, string TestOrigin) Load(string? mnistDirectory, int resolution, int? trainCount, int testCount)
    {
        var data = MnistSdf.Load(new MnistSdfOptions
        {
            Source = new MnistSourceOptions { Directory = mnistDirectory },
            Sdf = new SdfOptions { Resolution = resolution },
        });
        var train = trainCount is int n && n < data.Train.Count ? data.Train.Slice(0, n) : data.Train;
        var (test, origin) = data.Test is { } t
            ? (t, "MNIST test set (t10k)")
            : (data.Validation, "validation split (the MNIST test set was not found; name its folder with --mnist-dir)");
        return (train, data.Validation, test.Slice(0, Math.Min(testCount, test.Count)), origin);
    }
}
