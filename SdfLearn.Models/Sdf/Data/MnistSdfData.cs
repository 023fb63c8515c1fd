namespace SdfLearn.Sdf.Data;

/// <summary>MNISTSDF ready for training: signed distance fields of the train, validation and (if available) test digits.</summary>
/// <param name="Train">Fields to train on.</param>
/// <param name="Validation">Held-out fields from the same source as <paramref name="Train"/>.</param>
/// <param name="Test">Fields of the real MNIST test set, or null when it is not available.</param>
/// <param name="Digits">The grey digits the fields were made from.</param>
public sealed record MnistSdfData(SdfDataset Train, SdfDataset Validation, SdfDataset? Test, MnistSplits Digits)
{
    /// <summary>The test split if there is one, else the validation split: the digits to evaluate and show.</summary>
    public SdfDataset Evaluation => Test ?? Validation;
}
