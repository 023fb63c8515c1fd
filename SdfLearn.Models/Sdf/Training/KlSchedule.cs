namespace SdfLearn.Sdf.Training;

/// <summary>
/// The weight of a VAE's KL term over training: <see cref="Beta"/>, ramped linearly from 0 over the first
/// <see cref="WarmupEpochs"/> epochs (KL warm-up, which keeps the prior from flattening the latents before the
/// decoder has learnt to use them).
/// </summary>
/// <param name="Beta">The final weight (1 gives the ELBO).</param>
/// <param name="WarmupEpochs">Epochs of linear ramp; 0 for none.</param>
public sealed record KlSchedule(double Beta = 1, double WarmupEpochs = 0)
{
    /// <summary>The weight after <paramref name="epochs"/> epochs of training.</summary>
    public double WeightAt(double epochs) =>
        WarmupEpochs <= 0 ? Beta : Beta * Math.Clamp(epochs / WarmupEpochs, 0, 1);

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Beta or the warm-up is negative or not finite.</exception>
    public void Validate()
    {
        if (!(double.IsFinite(Beta) && Beta >= 0)) throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "Beta must be finite and non-negative.");
        if (!(double.IsFinite(WarmupEpochs) && WarmupEpochs >= 0))
            throw new ArgumentOutOfRangeException(nameof(WarmupEpochs), WarmupEpochs, "The KL warm-up must be finite and non-negative.");
    }
}
