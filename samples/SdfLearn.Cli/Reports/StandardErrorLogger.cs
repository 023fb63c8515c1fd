using Microsoft.Extensions.Logging;

namespace SdfLearn.Cli.Reports;

/// <summary>The app's logger for the library's messages: one line each on standard error, Information and above.</summary>
public sealed class StandardErrorLogger : ILogger
{
    /// <summary>The one instance.</summary>
    public static StandardErrorLogger Instance { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        string prefix = logLevel >= LogLevel.Warning ? "warning: " : "";
        Console.Error.WriteLine(prefix + formatter(state, exception));
    }
}
