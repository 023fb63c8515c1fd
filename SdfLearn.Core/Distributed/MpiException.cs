namespace SdfLearn.Core.Distributed;

/// <summary>An MPI call failed, or MPI could not be started; the message names the call and what to do.</summary>
public sealed class MpiException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public MpiException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its message and the failure that caused it.</summary>
    public MpiException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
