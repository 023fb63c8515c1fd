namespace SdfLearn.Sdf.Data;

/// <summary>One of the four canonical MNIST files, with the size and SHA-256 of its published .gz form.</summary>
/// <param name="Name">File name of the gzip form, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
/// <param name="Length">Size of the .gz file in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the .gz file.</param>
public sealed record MnistFile(string Name, long Length, string Sha256)
{
    /// <summary>Training images (60,000).</summary>
    public static MnistFile TrainImages { get; } =
        new("train-images-idx3-ubyte.gz", 9_912_422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609");

    /// <summary>Training labels (60,000).</summary>
    public static MnistFile TrainLabels { get; } =
        new("train-labels-idx1-ubyte.gz", 28_881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c");

    /// <summary>Test images (10,000).</summary>
    public static MnistFile TestImages { get; } =
        new("t10k-images-idx3-ubyte.gz", 1_648_877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6");

    /// <summary>Test labels (10,000).</summary>
    public static MnistFile TestLabels { get; } =
        new("t10k-labels-idx1-ubyte.gz", 4_542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

    /// <summary>All four, training files first.</summary>
    public static IReadOnlyList<MnistFile> All { get; } = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>The public mirrors tried in order (torchvision's S3 copy, then TensorFlow's Google Cloud copy).</summary>
    public static IReadOnlyList<Uri> Mirrors { get; } =
    [
        new("https://ossci-datasets.s3.amazonaws.com/mnist/"),
        new("https://storage.googleapis.com/cvdf-datasets/mnist/"),
    ];

    /// <summary>Name of the uncompressed form (e.g. <c>train-images-idx3-ubyte</c>), also accepted in local folders.</summary>
    public string RawName => Name[..^".gz".Length];

    /// <summary>The path of this file in <paramref name="directory"/>, .gz or raw, or null if neither exists.</summary>
    public string? FindIn(string directory)
    {
        foreach (var name in (ReadOnlySpan<string>)[Name, RawName])
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path)) return path;
        }
        return null;
    }
}
