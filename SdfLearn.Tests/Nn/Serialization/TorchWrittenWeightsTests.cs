using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Nn.Serialization;

namespace SdfLearn.Tests.Nn.Serialization;

/// <summary>
/// Weights written by PyTorch (scripts/interop/make_torch_fixture.py: the peer's models, shrunk) load into SdfLearn's
/// models under the same state-dict names, and the loaded models reproduce PyTorch's outputs.
/// </summary>
public sealed class TorchWrittenWeightsTests
{
    const int S = 16, C = 4, L = 3, H = 16;
    const double Tolerance = 2e-5; // PyTorch computed in float32; SdfLearn here in double

    static readonly Dictionary<string, Tensor<double>> Fixture =
        SafeTensorsFile.Load(RepositoryFiles.Find("SdfLearn.Tests/Nn/Serialization/Fixtures/torch_written.safetensors")).ReadAll<double>();

    static Dictionary<string, Tensor<double>> WithPrefix(string prefix) =>
        Fixture.Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(entry => entry.Key[prefix.Length..], entry => entry.Value);

    static void AssertClose(Tensor<double> expected, Tensor<double> actual)
    {
        Assert.Equal(expected.Shape.Length, actual.Shape.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected.Span[i] - actual.Span[i]) <= Tolerance, $"element {i}: PyTorch {expected.Span[i]}, SdfLearn {actual.Span[i]}");
    }

    [Fact]
    public void Vae_LoadsPyTorchWeights_AndReproducesItsOutputs()
    {
        var vae = Vae<double>.CreateReference(new SeededRandom(1), L, S, C);
        vae.LoadStateDict(WithPrefix("vae."));
        var tape = new Tape<double>();
        var (mu, logVar) = vae.Encode(tape.Constant(Fixture["in.images"]));
        var encoded = Fixture["out.vae_encoded"];
        for (int b = 0; b < 2; b++)
            for (int j = 0; j < L; j++)
            {
                Assert.Equal(encoded.Span[b * 2 * L + j], mu.Value.Span[b * L + j], Tolerance);
                Assert.Equal(encoded.Span[b * 2 * L + L + j], logVar.Value.Span[b * L + j], Tolerance);
            }
        AssertClose(Fixture["out.vae_decoded"], vae.Decode(mu).Value);
    }

    [Fact]
    public void DeepSdfAutoencoder_LoadsPyTorchWeights_AndReproducesItsOutputs()
    {
        var autoencoder = DeepSdfAutoencoder<double>.CreateReference(new SeededRandom(1), L, S, C, H);
        autoencoder.LoadStateDict(WithPrefix("ae."));
        var tape = new Tape<double>();
        var sdf = autoencoder.Predict(tape.Constant(Fixture["in.images"]), tape.Constant(Fixture["in.coordinates"]));
        AssertClose(Fixture["out.ae_sdf"], sdf.Value);
    }

    [Fact]
    public void FreshInitialisation_DiffersFromPyTorchOutputs_SoTheComparisonCanFail()
    {
        var autoencoder = DeepSdfAutoencoder<double>.CreateReference(new SeededRandom(1), L, S, C, H);
        var tape = new Tape<double>();
        var sdf = autoencoder.Predict(tape.Constant(Fixture["in.images"]), tape.Constant(Fixture["in.coordinates"]));
        Assert.Throws<Xunit.Sdk.TrueException>(() => AssertClose(Fixture["out.ae_sdf"], sdf.Value));
    }
}
