using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Sdf.Training;

/// <summary>
/// A model of S×S signed distance fields as training and evaluation see it: a loss on a batch (pass
/// <see cref="Loss"/> to a <see cref="Trainer{TBatch}"/>), and an encoder/decoder pair for reconstructions, samples
/// and interpolations.
/// </summary>
public interface ISdfFieldModel : ISdfModel
{
    /// <summary>The hyper-parameters.</summary>
    FieldModelConfig Settings { get; }

    /// <summary>Latent size L.</summary>
    int LatentSize { get; }

    /// <summary>The field resolution S the model was built for.</summary>
    int Resolution { get; }

    /// <summary>Whether the model has a probabilistic latent with a prior (a VAE).</summary>
    bool IsVariational { get; }

    /// <summary>The latent prior generated samples are drawn from: N(0, I) or a VAE's learnt mixture; null for a model without one.</summary>
    ILatentDistribution? Prior { get; }

    /// <summary>Whether codes of new fields come from test-time optimisation rather than an encoder (slow: no per-epoch validation).</summary>
    bool FitsCodes { get; }

    /// <summary>The DeepSDF decoder from (latent, coordinates) to distances, or null for a decoder of whole fields.</summary>
    DeepSdfDecoder<float>? PointDecoder { get; }

    /// <summary>Whether <see cref="Decode"/> can render at resolutions other than <see cref="Resolution"/> (there is a <see cref="PointDecoder"/>).</summary>
    bool RendersAnyResolution { get; }

    /// <summary>Query points the loader must sample per field for the loss, or null when the loss uses whole fields.</summary>
    QueryPointOptions? TrainingPoints { get; }

    /// <summary>The loss of a batch (a <see cref="LossFunction{TBatch}"/>); it does not change the model.</summary>
    (Variable<float> Loss, LossTerms Terms) Loss(SdfBatch batch, Tape<float> tape, LossContext context);

    /// <summary>
    /// Updates state that is fitted to the data between epochs rather than trained (a VAE's <see cref="FittedMixturePrior{T}"/>);
    /// <see cref="FieldTrainer"/> calls it after every epoch, before validation and the checkpoint.
    /// </summary>
    /// <param name="train">The training fields.</param>
    /// <param name="completedEpochs">Epochs completed so far (1 after the first).</param>
    /// <param name="epochs">Epochs the run trains in all (<see cref="TrainingOptions.Epochs"/>).</param>
    /// <param name="seed">The run's seed (<see cref="TrainingOptions.Seed"/>), for any draws the update makes.</param>
    void AfterEpoch(SdfDataset train, int completedEpochs, int epochs, ulong seed);

    /// <summary>Latent codes [B, L] of fields [B, 1, S, S] (posterior means for a VAE), without recording gradients.</summary>
    Tensor<float> Encode(Tensor<float> fields);

    /// <summary>Latent codes [N, L] of the training fields, for fitting the Gaussian that samples come from.</summary>
    Tensor<float> TrainingLatents(SdfDataset train);

    /// <summary>Fields [B, 1, R, R] decoded from latents [B, L] at resolution <paramref name="resolution"/>, without recording gradients.</summary>
    /// <exception cref="NotSupportedException">The decoder renders only its training resolution and another was asked for.</exception>
    Tensor<float> Decode(Tensor<float> latents, int resolution);
}
