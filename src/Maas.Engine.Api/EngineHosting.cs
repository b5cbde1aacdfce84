using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Maas.Contracts.Api;
using Maas.Contracts.Wire;
using Maas.Engine.Api.Logging;
using Maas.Engine.Api.OpenApi;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Api;

/// <summary>The host's own settings: where it listens (<c>AI_ENGINE_HOST</c>, <c>AI_ENGINE_PORT</c>) and how it logs (<c>LOG_LEVEL</c>, <c>LOG_FORMAT</c>).</summary>
internal static class EngineHosting
{
    public static WebApplicationBuilder AddEngineHosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EngineHostOptions>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EngineHostOptions>, EngineHostOptionsValidator>();

        // Wrong values are not refused here but by the settings check (SettingsCheck), with every other wrong
        // value at once; until then the defaults stand in, so building the host never fails half-way.
        var settings = SettingsCheck.Readable<EngineHostOptions>(builder.Configuration);
        var valid = new EngineHostOptionsValidator().Validate(null, settings).Succeeded;
        var defaults = new EngineHostOptions();
        var host = valid ? settings.Host : defaults.Host;
        var port = valid ? settings.Port : defaults.Port;

        // ASPNETCORE_URLS still wins when set, as in any ASP.NET Core app.
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(configuration["urls"]))
        {
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}"));
        }

        builder.Logging.AddEngineLogging(settings.MinimumLogLevel ?? LogLevel.Information,
            settings.LogFormat.Equals("json", StringComparison.OrdinalIgnoreCase));

        return builder;
    }

    public static WebApplicationBuilder AddEngineApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(ApiDocs.Describe);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // The same conventions as the wire: snake_case, no nulls, the platform's timestamp format.
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            // Numbers are numbers, as on the wire: the web default also reads "5" as 5, and the OpenAPI schemas then say
            // every integer may be a string.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new UtcTimestampConverter());
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });
        return builder;
    }
}
