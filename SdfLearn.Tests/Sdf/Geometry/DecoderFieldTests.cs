using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Tests.Sdf.Geometry;

public class DecoderFieldTests
{
    [Fact]
    public void FieldEqualsTheDecoderOnLatentAndPointQueriesAcrossChunks()
    {
        var decoder = new DeepSdfDecoder<float>(2, new SeededRandom(4), hiddenWidth: 16, hiddenLayers: 3, skipLayer: 2, coordinateDimension: 3);
        float[] latent = [0.3f, -0.7f];
        var points = new float[3 * 10];
        new SeededRandom(5).FillUniform<float>(points, -1f, 1f);
        var values = new float[10];
        DecoderField.Of(decoder, latent, chunkSize: 4)(points, values);

        var tape = new Tape<float>();
        var queries = new Tensor<float>(new Shape(10, 5));
        for (int i = 0; i < 10; i++)
        {
            latent.CopyTo(queries.Span.Slice(5 * i, 2));
            points.AsSpan(3 * i, 3).CopyTo(queries.Span.Slice(5 * i + 2, 3));
        }
        var expected = decoder.Forward(tape.Constant(queries)).Value.Span.ToArray();
        for (int i = 0; i < 10; i++) Assert.Equal(expected[i], values[i], 6);
    }

    [Fact]
    public void RefusesA2DDecoderOrAWrongLatent()
    {
        Assert.Throws<ArgumentException>(() => DecoderField.Of(new DeepSdfDecoder<float>(0, new SeededRandom(1), 16, 2, null, coordinateDimension: 2)));
        Assert.Throws<ArgumentException>(() => DecoderField.Of(new DeepSdfDecoder<float>(3, new SeededRandom(1), 16, 2, null, coordinateDimension: 3), [1f]));
    }
}
