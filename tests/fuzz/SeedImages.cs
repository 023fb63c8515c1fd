using SdfLearn.Sdf.Data;

namespace SdfLearn.Fuzz;

/// <summary>Small synthetic digit-like images (rings of varying radius on a 28x28 canvas) for the seed files.</summary>
internal static class SeedImages
{
    /// <summary><paramref name="count"/> images, each a ring as compressible as an MNIST stroke.</summary>
    public static IdxImages Rings(int count)
    {
        const int side = 28;
        var pixels = new byte[count * side * side];
        for (int n = 0; n < count; n++)
        {
            double radius = 5 + n % 7;
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                {
                    double distance = Math.Abs(Math.Sqrt((x - 13.5) * (x - 13.5) + (y - 13.5) * (y - 13.5)) - radius);
                    pixels[(n * side + y) * side + x] = (byte)Math.Clamp(255 * (2 - distance), 0, 255);
                }
        }
        return new IdxImages(pixels, count, side, side);
    }
}
