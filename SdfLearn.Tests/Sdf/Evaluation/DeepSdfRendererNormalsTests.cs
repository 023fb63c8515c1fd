using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Tests.Sdf.Evaluation;

public class DeepSdfRendererNormalsTests
{
    [Fact]
    public void Normals_AreUnitAndPointUpTheRenderedField()
    {
        const int resolution = 16;
        var decoder = new DeepSdfDecoder<float>(3, new SeededRandom(3), hiddenWidth: 16, hiddenLayers: 3, skipLayer: 2);
        var latents = new Tensor<float>(new Shape(2, 3));
        new SeededRandom(4).FillUniform(latents.Span, -1f, 1f);
        var normals = DeepSdfRenderer.RenderNormals(decoder, latents, resolution);
        var fields = DeepSdfRenderer.Render(decoder, latents, resolution);
        Assert.Equal(new Shape(2, resolution, resolution, 2), normals.Shape);
        int agreeing = 0, checkedPixels = 0;
        for (int b = 0; b < 2; b++)
            for (int i = 1; i < resolution - 1; i++)
                for (int j = 1; j < resolution - 1; j++)
                {
                    float nr = normals[b, i, j, 0], nc = normals[b, i, j, 1];
                    Assert.Equal(1f, MathF.Sqrt(nr * nr + nc * nc), 1e-4f);
                    // Central differences of the rendered field (a ReLU network: piecewise linear, so compare directions).
                    float dr = fields[b, 0, i + 1, j] - fields[b, 0, i - 1, j], dc = fields[b, 0, i, j + 1] - fields[b, 0, i, j - 1];
                    float length = MathF.Sqrt(dr * dr + dc * dc);
                    if (length == 0) continue;
                    checkedPixels++;
                    if ((nr * dr + nc * dc) / length > 0.95f) agreeing++;
                }
        Assert.True(agreeing > 0.9 * checkedPixels, $"{agreeing} of {checkedPixels} pixels agree with finite differences");
    }
}
