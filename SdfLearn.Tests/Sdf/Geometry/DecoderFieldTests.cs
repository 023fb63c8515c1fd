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
    public void GradientEqualsCentralDifferencesOfADoubleDecoderAcrossChunks()
    {
        var decoder = new DeepSdfDecoder<double>(2, new SeededRandom(6), hiddenWidth: 16, hiddenLayers: 3, skipLayer: 2, coordinateDimension: 3);
        float[] latent = [0.4f, -0.2f];
        const int count = 9;
        var points = new float[3 * count];
        new SeededRandom(7).FillUniform<float>(points, -1f, 1f);
        var gradients = new float[3 * count];
        DecoderField.GradientOf(decoder, latent, chunkSize: 4)(points, gradients);

        const double h = 1e-6;
        var tape = new Tape<double>();
        var queries = new Tensor<double>(new Shape(6 * count, 5));
        for (int i = 0; i < count; i++)
            for (int k = 0; k < 6; k++)
            {
                var q = queries.Span.Slice(5 * (6 * i + k), 5);
                q[0] = latent[0];
                q[1] = latent[1];
                for (int axis = 0; axis < 3; axis++) q[2 + axis] = points[3 * i + axis];
                q[2 + k / 2] += k % 2 == 0 ? h : -h;
            }
        var f = decoder.Forward(tape.Constant(queries)).Value.Span;
        double largest = 0;
        for (int i = 0; i < count; i++)
            for (int axis = 0; axis < 3; axis++)
            {
                double expected = (f[6 * i + 2 * axis] - f[6 * i + 2 * axis + 1]) / (2 * h);
                largest = Math.Max(largest, Math.Abs(expected));
                Assert.Equal(expected, gradients[3 * i + axis], 1e-5 + 1e-4 * Math.Abs(expected));
            }
        Assert.True(largest > 1e-3, $"The decoder is too flat for the test to tell gradients apart ({largest:E2}).");
    }

    [Fact]
    public void RefusesA2DDecoderOrAWrongLatent()
    {
        Assert.Throws<ArgumentException>(() => DecoderField.Of(new DeepSdfDecoder<float>(0, new SeededRandom(1), 16, 2, null, coordinateDimension: 2)));
        Assert.Throws<ArgumentException>(() => DecoderField.Of(new DeepSdfDecoder<float>(3, new SeededRandom(1), 16, 2, null, coordinateDimension: 3), [1f]));
    }
}
