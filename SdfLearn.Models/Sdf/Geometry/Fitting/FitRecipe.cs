using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;

namespace SdfLearn.Sdf.Geometry;

/// <summary>What the fitters share: the decoder they build and the learning-rate steps.</summary>
internal static class FitRecipe
{
    /// <summary>A DeepSDF decoder of 3D points with a linear output, the skip connection into the middle hidden layer.</summary>
    public static DeepSdfDecoder<float> Decoder(int latentSize, int hiddenWidth, int hiddenLayers, ulong seed)
    {
        int skip = hiddenLayers / 2 + 1;
        bool skips = skip <= hiddenLayers && hiddenWidth > latentSize + 3;
        return new DeepSdfDecoder<float>(latentSize, SeededRandom.Derive(seed, 1), hiddenWidth, hiddenLayers, skips ? skip : null,
            coordinateDimension: 3, tanhOutput: false);
    }

    /// <summary>The share of the initial learning rate at <paramref name="epoch"/>: 1, then 0.3 after 60% of the epochs, 0.1 after 85%.</summary>
    public static double RateFactor(int epoch, int epochs)
    {
        double share = (double)epoch / epochs;
        return share < 0.6 ? 1 : share < 0.85 ? 0.3 : 0.1;
    }
}
