namespace SdfLearn.Tests.Nn.Training;

/// <summary>An <see cref="IProgress{T}"/> that calls back at once, on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class Callback<T>(Action<T> action) : IProgress<T>
{
    public void Report(T value) => action(value);
}
