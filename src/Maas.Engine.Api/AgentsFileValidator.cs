using Maas.Engine.Agents.Registry;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Api;

/// <summary>Names an <c>AGENTS_FILE</c> that is missing, unreadable or not a JSON object; such a file was not added as configuration.</summary>
internal sealed class AgentsFileValidator : IValidateOptions<AgentsOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentsOptions options) =>
        AgentsFile.Problem(options.File) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
