using SkiaSharp;

namespace SdfLearn.Sdf.Visualization;

/// <summary>Writes an image to a PNG file (creating its folder).</summary>
internal static class PngFile
{
    public static void Save(SKImage image, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
