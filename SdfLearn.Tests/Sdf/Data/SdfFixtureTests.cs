using System.IO.Compression;
using System.Text.Json;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Tests.Sdf.Data;

/// <summary>Fields of known digits against values computed independently with PyTorch's resize and scipy's EDT
/// (scripts/data/make_sdf_fixture.py).</summary>
public class SdfFixtureTests
{
    private sealed record FixtureCase(int Index, int Resolution, int InsideCount, float[] Sdf);
    private sealed record Fixture(string Generator, FixtureCase[] Cases);

    private static Fixture Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Sdf", "Data", "Fixtures", "sdf-scipy.json.gz");
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<Fixture>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    [Fact]
    public void FieldsOfBundledDigitsMatchScipy()
    {
        var fixture = Load();
        var digits = BundledSample.Load();
        Assert.Equal(5, fixture.Cases.Length);
        foreach (var c in fixture.Cases)
        {
            int s = c.Resolution;
            var sdf = new float[s * s];
            new SdfTransform(new SdfOptions { Resolution = s }).Transform(digits.Images.Image(c.Index), 28, 28, sdf);
            Assert.Equal(s * s, c.Sdf.Length);
            Assert.Equal(c.InsideCount, sdf.Count(v => v < 0));
            // Bit for bit: the resize sums in double like PyTorch, the distances are exact, sqrt is correctly rounded.
            for (int p = 0; p < sdf.Length; p++)
                Assert.True(sdf[p] == c.Sdf[p], $"digit {c.Index} at S={s}, pixel {p}: {sdf[p]:R} vs scipy {c.Sdf[p]:R}");
        }
    }
}
