using SdfLearn.Core;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>A distribution over latent codes that samples can be drawn from (<see cref="RunFigures.SaveSamples"/>).</summary>
public interface ILatentDistribution
{
    /// <summary>Dimension L.</summary>
    int Dimension { get; }

    /// <summary>Draws <paramref name="count"/> latents [count, L].</summary>
    Tensor<float> Sample(int count, SeededRandom random);
}
