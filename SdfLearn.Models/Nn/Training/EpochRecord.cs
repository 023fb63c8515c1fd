namespace SdfLearn.Nn.Training;

/// <summary>What one epoch of training gave.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Train">Mean loss terms over the epoch's training batches.</param>
/// <param name="Validation">Mean loss terms on the validation set after the epoch, or null without one.</param>
/// <param name="Seconds">Wall time of the epoch's training steps (including time before an interruption, for a resumed epoch).</param>
public sealed record EpochRecord(int Epoch, LossTerms Train, LossTerms? Validation, double Seconds);
