using SdfLearn.Sdf.Data;

namespace SdfLearn.Tests.Sdf.Data;

/// <summary>The repository's 10,000-digit MNIST sample (data/mnist-sample), which the tests read in place.</summary>
internal static class BundledSample
{
    /// <summary>The folder holding the sample's IDX files.</summary>
    public static string Directory => RepositoryFiles.Find("data/mnist-sample");

    /// <summary>All 10,000 digits.</summary>
    public static DigitSet Load() => MnistSample.Load(Directory);
}
