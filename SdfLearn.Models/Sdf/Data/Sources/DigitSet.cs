namespace SdfLearn.Sdf.Data;

/// <summary>Grey digit images with their labels (one split of MNIST).</summary>
/// <param name="Images">The images.</param>
/// <param name="Labels">The digit of every image.</param>
public sealed record DigitSet(IdxImages Images, byte[] Labels)
{
    /// <summary>Number of digits.</summary>
    public int Count => Labels.Length;

    /// <summary>Pairs an images file and a labels file, checking that their counts agree.</summary>
    /// <exception cref="InvalidDataException">The counts differ.</exception>
    public static DigitSet Pair(IdxImages images, byte[] labels, string description)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.Count != labels.Length)
            throw new InvalidDataException($"{description}: {images.Count} images but {labels.Length} labels.");
        return new DigitSet(images, labels);
    }

    /// <summary>Digits [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) as a new set.</summary>
    public DigitSet Slice(int start, int count) => new(Images.Slice(start, count), Labels.AsSpan(start, count).ToArray());
}
