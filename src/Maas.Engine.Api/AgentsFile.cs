using System.Text.Json;
using Maas.Engine.Agents.Registry;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Api;

/// <summary>
/// <c>AGENTS_FILE</c>: a JSON file whose top-level sections (<c>agents</c>, <c>mcp_servers</c>) are ordinary
/// configuration. It sits below the environment variables, as appsettings.json does, so a variable can still change one
/// value. A file that cannot be used is not added; the settings check names it (<see cref="Problem"/>) and the engine exits.
/// </summary>
internal static class AgentsFile
{
    public const string Variable = "AGENTS_FILE";

    /// <summary>Adds the file named by <c>AGENTS_FILE</c> (if any) as a configuration source, and its check to the settings check.</summary>
    public static WebApplicationBuilder AddAgentsFile(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IValidateOptions<AgentsOptions>, AgentsFileValidator>();
        Add(builder.Configuration, builder.Configuration[Variable]);
        return builder;
    }

    public static IConfigurationBuilder Add(IConfigurationBuilder configuration, string? path)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(path) || Problem(path) is not null)
        {
            return configuration;
        }

        var source = new JsonConfigurationSource { Path = Path.GetFullPath(path), Optional = false, ReloadOnChange = false };
        source.ResolveFileProvider();
        var sources = configuration.Sources;
        var variables = sources.Select((s, i) => (s, i)).FirstOrDefault(x => x.s is EnvironmentVariablesConfigurationSource);
        if (variables.s is null)
        {
            sources.Add(source);
        }
        else
        {
            sources.Insert(variables.i, source);
        }

        return configuration;
    }

    /// <summary>Why the file cannot be used, in one line; null when it can (or none is named).</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? null
                : $"{Variable}: {path} must hold a JSON object (with an \"agents\" array), not a {document.RootElement.ValueKind}.";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return $"{Variable}: {path} does not exist.";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{Variable}: {path} cannot be read ({e.Message}).";
        }
        catch (JsonException e)
        {
            return $"{Variable}: {path} is not valid JSON (line {e.LineNumber + 1}: {e.Message.Split(" LineNumber", 2)[0]}).";
        }
    }
}
