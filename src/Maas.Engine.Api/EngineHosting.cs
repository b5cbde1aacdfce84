using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Maas.Contracts.Api;
using Maas.Contracts.Wire;
using Microsoft.Extensions.Logging.Console;

namespace Maas.Engine.Api;

/// <summary>The host's own settings: where it listens (<c>AI_ENGINE_HOST</c>, <c>AI_ENGINE_PORT</c>) and how it logs (<c>LOG_LEVEL</c>, <c>LOG_FORMAT</c>).</summary>
internal static class EngineHosting
{
    public static WebApplicationBuilder AddEngineHosting(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var host = configuration["AI_ENGINE_HOST"] is { Length: > 0 } h ? h : "0.0.0.0";
        var portText = configuration["AI_ENGINE_PORT"] is { Length: > 0 } p ? p : "8001";
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"AI_ENGINE_PORT must be a port number from 1 to 65535, not '{portText}'.");
        }

        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new InvalidOperationException($"AI_ENGINE_HOST must be a host name or an IP address, not '{host}'.");
        }

        // ASPNETCORE_URLS still wins when set, as in any ASP.NET Core app.
        if (string.IsNullOrEmpty(configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(configuration["urls"]))
        {
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}"));
        }

        var level = configuration["LOG_LEVEL"] is { Length: > 0 } l ? l : "INFO";
        var minimum = level.ToUpperInvariant() switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "INFO" or "INFORMATION" => LogLevel.Information,
            "WARNING" or "WARN" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            "CRITICAL" => LogLevel.Critical,
            _ => throw new InvalidOperationException($"LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, not '{level}'."),
        };
        builder.Logging.SetMinimumLevel(minimum);
        // Framework chatter stays at warning unless asked for, so INFO shows the engine's own story.
        builder.Logging.AddFilter("Microsoft", level.Equals("DEBUG", StringComparison.OrdinalIgnoreCase) ? LogLevel.Debug : LogLevel.Warning);
        // The chat middleware's logs are the engine's own story (calls at DEBUG, message content at TRACE only), so they follow LOG_LEVEL.
        builder.Logging.AddFilter("Microsoft.Extensions.AI", minimum);
        builder.Logging.AddFilter("MassTransit", LogLevel.Warning);
        builder.Logging.AddFilter("Quartz", LogLevel.Warning);

        var format = configuration["LOG_FORMAT"] is { Length: > 0 } f ? f : "text";
        builder.Logging.ClearProviders();
        switch (format.ToLowerInvariant())
        {
            case "json":
                builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
                break;
            case "text":
                builder.Logging.AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "HH:mm:ss.fff ";
                    o.ColorBehavior = LoggerColorBehavior.Disabled;
                });
                break;
            default:
                throw new InvalidOperationException($"LOG_FORMAT must be json or text, not '{format}'.");
        }

        return builder;
    }

    public static WebApplicationBuilder AddEngineApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // The same conventions as the wire: snake_case, no nulls, the platform's timestamp format.
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new UtcTimestampConverter());
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });
        return builder;
    }
}
