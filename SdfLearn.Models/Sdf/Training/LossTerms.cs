using SdfLearn.Nn.Training;

namespace SdfLearn.Sdf.Training;

/// <summary>The value of a loss and its parts on one batch (or averaged over many).</summary>
/// <param name="Total">What is minimised.</param>
/// <param name="Reconstruction">The reconstruction part (SSE per image for VAEs, MSE per point for the autoencoder).</param>
/// <param name="Kl">The KL part (0 for models without one); <see cref="Total"/> includes it times the current beta.</param>
public readonly record struct LossTerms(double Total, double Reconstruction, double Kl)
{
    /// <summary>Component-wise sum.</summary>
    public static LossTerms operator +(LossTerms a, LossTerms b) => new(a.Total + b.Total, a.Reconstruction + b.Reconstruction, a.Kl + b.Kl);

    /// <summary>Component-wise division (for averages).</summary>
    public static LossTerms operator /(LossTerms a, double divisor) => new(a.Total / divisor, a.Reconstruction / divisor, a.Kl / divisor);

    /// <summary>Whether every part is a finite number.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinite => double.IsFinite(Total) && double.IsFinite(Reconstruction) && double.IsFinite(Kl);
}
