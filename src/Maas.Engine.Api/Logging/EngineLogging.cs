using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace Maas.Engine.Api.Logging;

/// <summary>
/// How the engine logs (<c>LOG_LEVEL</c>, <c>LOG_FORMAT</c>): the engine's own story at INFO, the frameworks' only when
/// something is wrong, one line an entry on the console, as text for a terminal or as JSON for a log shipper.
/// </summary>
internal static class EngineLogging
{
    public static ILoggingBuilder AddEngineLogging(this ILoggingBuilder logging, LogLevel level, bool json)
    {
        logging.SetMinimumLevel(level);
        // Framework chatter stays at warning unless asked for, so INFO shows the engine's own story.
        logging.AddFilter("Microsoft", level <= LogLevel.Debug ? level : LogLevel.Warning);
        // The chat middleware's logs are the engine's own story (calls at DEBUG, message content at TRACE only), so they follow LOG_LEVEL.
        logging.AddFilter("Microsoft.Extensions.AI", level);
        // ...except its OpenTelemetry client's, which logs every failed or cancelled call (a timeout included) as a
        // warning with the exception's stack; the engine says the same once, naming the task (TaskRunner, TaskLog).
        logging.AddFilter("Microsoft.Extensions.AI.OpenTelemetryChatClient", level <= LogLevel.Debug ? LogLevel.Warning : LogLevel.Error);
        // Its logging client says calls at DEBUG and a failed call as an error with the stack; the engine says that once
        // as a warning naming the task and the provider (TaskRunner), so above DEBUG the client's copy is left out.
        logging.AddFilter("Microsoft.Extensions.AI.LoggingChatClient", level <= LogLevel.Debug ? level : LogLevel.Critical);
        // MassTransit's warnings are its retry filter's (R-RETRY, with a stack and the saga's internal id) for conflicts the
        // saga resolves by design; the engine says those at DEBUG naming the task (SagaRetryLog). Its faults stay errors.
        logging.AddFilter("MassTransit", level <= LogLevel.Debug ? LogLevel.Warning : LogLevel.Error);
        logging.AddFilter("Quartz", LogLevel.Warning);

        // trace_id and span_id of the current Activity ride in every entry's scopes (the JSON format writes them).
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        logging.ClearProviders();
        string formatterName;
        if (json)
        {
            logging.AddConsole();
            logging.AddConsoleFormatter<JsonLineFormatter, ConsoleFormatterOptions>();
            formatterName = JsonLineFormatter.FormatterName;
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            });
            formatterName = ConsoleFormatterNames.Simple;
        }

        // The console's formatters, registered above, write through the engine's provider rather than the console
        // logger's queue (StandardOutputLoggerProvider says why). A flood of bad messages logs a line each; a reader too
        // slow for it costs dropped lines, counted, never a blocked thread (StandardOutput).
        logging.Services.RemoveAll<ILoggerProvider>();
        logging.Services.AddSingleton<ILoggerProvider>(services => new StandardOutputLoggerProvider(
            services.GetServices<ConsoleFormatter>().Single(f => f.Name == formatterName), StandardOutput.Instance));

        return logging;
    }
}
