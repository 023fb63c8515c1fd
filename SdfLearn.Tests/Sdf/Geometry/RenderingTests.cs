using System.Numerics;
using SdfLearn.Sdf.Geometry;
using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Tests.Sdf.Geometry;

public class RenderingTests
{
    private static readonly BoundingBox Cube = new(new Vector3(-1), new Vector3(1));

    [Fact]
    public void SphereTracingShowsTheSphereLitFromTheLight()
    {
        var sphere = new Sphere(Vector3.Zero, 0.5f);
        var options = new SphereTracingOptions { Width = 64, Height = 64 };
        int calls = 0;
        void Counting(ReadOnlySpan<float> points, Span<float> values)
        {
            Interlocked.Increment(ref calls);
            sphere.Evaluate(points, values);
        }
        var image = SphereTracer.Render(Counting, Cube, Camera.Orbit(Vector3.Zero, 1f, 0, 0), options);
        Assert.Equal(options.Background, image[0, 0]);
        Assert.NotEqual(options.Background, image[32, 32]);
        Assert.True(calls < 80, $"{calls} batch calls: rays must advance in lock-step batches");
        int covered = 0;
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
                if (image[x, y] != options.Background) covered++;
        // The ball of radius 0.5 seen from distance 1 / sin(17.5°) covers π (0.5 / 1 · ...)²: about a quarter of the picture's side squared.
        Assert.InRange(covered, 600, 1000);
        // Light comes from the upper left: that side of the ball is brighter.
        Assert.True(image[22, 22].R > image[42, 42].R);
    }

    [Fact]
    public void CentralDifferencesGiveTheSphereNormal()
    {
        var sphere = new Sphere(Vector3.Zero, 0.5f);
        var gradient = CentralDifferences.Of(sphere.Evaluate);
        var g = new float[3];
        gradient([0.3f, 0.4f, 0f], g);
        Assert.Equal(0.6f, g[0], 3);
        Assert.Equal(0.8f, g[1], 3);
        Assert.Equal(0f, g[2], 3);
    }

    [Fact]
    public void SliceColoursInsideAndOutsideAndDrawsTheContour()
    {
        var image = FieldSlice.Render(new Sphere(Vector3.Zero, 0.5f).Evaluate, Cube, 2, 0f, 100);
        Assert.Equal((100, 100), (image.Width, image.Height));
        var centre = image[50, 50];
        var corner = image[2, 2];
        Assert.True(centre.B > centre.R, "inside is blue");
        Assert.True(corner.R > corner.B, "outside is orange");
        var rim = image[75, 50]; // x = 0.51: on the contour
        Assert.True(rim.R < 120 && rim.G < 120 && rim.B < 120, $"contour pixel {rim}");
    }

    [Fact]
    public void PictureGridLaysTilesOut()
    {
        var tiles = Enumerable.Range(0, 5).Select(i => new RgbImage(10, 8, new Rgb((byte)(i * 40), 0, 0))).ToList();
        var grid = PictureGrid.Compose(tiles, columns: 3, gap: 2);
        Assert.Equal((3 * 10 + 4 * 2, 2 * 8 + 3 * 2), (grid.Width, grid.Height));
        Assert.Equal(new Rgb(160, 0, 0), grid[2 + 10 + 2 + 5, 2 + 8 + 2 + 4]);
        Assert.Equal(Rgb.White, grid[0, 0]);
    }
}
