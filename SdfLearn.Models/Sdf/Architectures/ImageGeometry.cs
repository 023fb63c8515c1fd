namespace SdfLearn.Sdf.Architectures;

/// <summary>Size checks shared by the convolutional encoder and decoder, which halve / double the image three times.</summary>
internal static class ImageGeometry
{
    /// <summary>The side of the smallest feature map (S / 8).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The image side is not a positive multiple of 8.</exception>
    public static int BottleneckSide(int imageSize)
    {
        if (imageSize <= 0 || imageSize % 8 != 0)
            throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize,
                "The convolutional encoder and decoder halve the image three times: the image side must be a positive multiple of 8.");
        return imageSize / 8;
    }
}
