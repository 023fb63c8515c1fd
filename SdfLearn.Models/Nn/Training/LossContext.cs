using SdfLearn.Core;

namespace SdfLearn.Nn.Training;

/// <summary>What a loss may depend on besides the batch and the model.</summary>
/// <param name="Noise">Randomness for this batch (e.g. reparameterisation noise), derived from (seed, epoch, batch) so a resumed run draws the same.</param>
/// <param name="Epochs">Training progress in epochs (fractional; +∞ after training), for schedules inside the loss such as KL warm-up.</param>
public readonly record struct LossContext(SeededRandom Noise, double Epochs);
