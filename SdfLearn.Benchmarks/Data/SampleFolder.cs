namespace SdfLearn.Benchmarks.Data;

/// <summary>Where the benchmarks find the MNIST sample: data/mnist-sample, copied next to the binaries at build.</summary>
internal static class SampleFolder
{
    /// <summary>The folder holding the sample's IDX files.</summary>
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "mnist-sample");
}
