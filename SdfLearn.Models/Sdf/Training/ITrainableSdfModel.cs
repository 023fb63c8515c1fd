using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Data;
using SdfLearn.Nn.Layers;

using SdfLearn.Nn.Training;

namespace SdfLearn.Sdf.Training;

/// <summary>
/// A model of signed distance fields as the trainer and the evaluation code see it: a loss on a batch, and an
/// encoder/decoder pair for reconstructions, samples and interpolations.
/// </summary>
public interface ITrainableSdfModel
{
    /// <summary>A short, stable name of the model kind (e.g. <c>vae</c>), stored in checkpoints to refuse a mismatch.</summary>
    string Kind { get; }

    /// <summary>The module whose parameters are trained and checkpointed.</summary>
    Module<float> Module { get; }

    /// <summary>Latent size L.</summary>
    int LatentSize { get; }

    /// <summary>The field resolution S the model was built for.</summary>
    int Resolution { get; }

    /// <summary>Whether the model has a probabilistic latent with a N(0, I) prior (a VAE).</summary>
    bool IsVariational { get; }

    /// <summary>Whether <see cref="Decode"/> can render at resolutions other than <see cref="Resolution"/>.</summary>
    bool RendersAnyResolution { get; }

    /// <summary>Query points the loader must sample per field during training, or null when the loss uses whole fields.</summary>
    QueryPointOptions? TrainingPoints { get; }

    /// <summary>
    /// Records the loss of <paramref name="batch"/> on <paramref name="tape"/>; <paramref name="epochs"/> is the training
    /// progress in epochs (fractional), for KL warm-up. Returns the variable to backpropagate and its parts as numbers.
    /// </summary>
    (Variable<float> Loss, LossTerms Terms) Loss(Tape<float> tape, SdfBatch batch, SeededRandom noise, double epochs);

    /// <summary>Latent codes [B, L] of fields [B, 1, S, S] (posterior means for a VAE), without recording gradients.</summary>
    Tensor<float> Encode(Tensor<float> fields);

    /// <summary>
    /// Latent codes [N, L] of the training fields, for fitting the Gaussian that samples come from: the encoder's, or the
    /// codes an auto-decoder learnt for them.
    /// </summary>
    Tensor<float> TrainingLatents(SdfDataset train);

    /// <summary>Fields [B, 1, R, R] decoded from latents [B, L] at resolution <paramref name="resolution"/>, without recording gradients.</summary>
    /// <exception cref="NotSupportedException">The decoder renders only its training resolution and another was asked for.</exception>
    Tensor<float> Decode(Tensor<float> latents, int resolution);
}
