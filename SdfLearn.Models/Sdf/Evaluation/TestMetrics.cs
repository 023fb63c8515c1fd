using SdfLearn.Nn.Training;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>How a trained model does on held-out fields (written to metrics.json by the sample app).</summary>
/// <param name="Count">Fields evaluated.</param>
/// <param name="MeanSquaredError">Mean squared error of the reconstructions over every pixel (SDF units squared).</param>
/// <param name="InsideIoU">Mean per-field IoU of the inside regions (sdf &lt; 0) of reconstruction and truth.</param>
/// <param name="Loss">The training loss terms on these fields (KL is the mean KL for a VAE, 0 otherwise).</param>
/// <param name="Reconstructions">Where the reconstructed values lie.</param>
/// <param name="Data">Where the true values lie.</param>
public sealed record TestMetrics(int Count, double MeanSquaredError, double InsideIoU, LossTerms Loss,
    ValueSpread Reconstructions, ValueSpread Data);
