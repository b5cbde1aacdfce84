using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Maas.Engine.Api.Logging;

/// <summary>
/// The console logger's formatters (<c>LOG_FORMAT</c>) without its queue: an entry is formatted on the thread that logs
/// it and appended to <see cref="StandardOutput"/>. The console logger hands every entry to a writer thread through a
/// monitor, and at four INFO lines a task that was a thread woken (a futex call and a context switch) per line: the
/// largest share of the kernel time the engine's logs cost under load (ARCHITECTURE.md, "Logs skip the console
/// logger's queue").
/// </summary>
internal sealed class StandardOutputLoggerProvider(ConsoleFormatter formatter, StandardOutput output) : ILoggerProvider, ISupportExternalScope
{
    [ThreadStatic]
    private static StringWriter? t_entry;

    private IExternalScopeProvider? _scopes;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() => output.Flush();

    private void Write<TState>(in LogEntry<TState> entry)
    {
        var writer = t_entry ??= new StringWriter(new StringBuilder(256), CultureInfo.InvariantCulture);
        var text = writer.GetStringBuilder();
        text.Clear();
        formatter.Write(in entry, _scopes, writer);
        if (text.Length > 0)
        {
            output.Append(text);
        }

        if (text.Capacity > 16 * 1024)
        {
            // One huge entry (a long stack) does not keep its buffer on the thread for good.
            t_entry = null;
        }
    }

    private sealed class Logger(string category, StandardOutputLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter));
            }
        }
    }
}
