namespace SdfLearn.Nn.Training;

/// <summary>
/// The loss became NaN or infinite. The step was not applied and the checkpoint on disk (if any) is still the last good
/// one; the message says where training stopped and what to try.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(string message) : base(message) { }
}
