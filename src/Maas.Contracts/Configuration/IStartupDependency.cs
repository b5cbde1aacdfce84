namespace Maas.Contracts.Configuration;

/// <summary>
/// A server the engine cannot start without (PostgreSQL, Redis). At start-up each one is asked until it answers or
/// <c>STARTUP_RETRY_SECONDS</c> run out, since containers start in any order; after that the engine copes with its
/// servers coming and going by itself.
/// </summary>
public interface IStartupDependency
{
    /// <summary>The environment variable that names the server, e.g. <c>DATABASE_URL</c>.</summary>
    string Variable { get; }

    /// <summary>What and where, with no secret in it, e.g. <c>PostgreSQL at db:5432</c>.</summary>
    string Server { get; }

    /// <summary>Asks the server once. Null when it answered; otherwise why not, in a few words (<c>connection refused</c>).</summary>
    Task<string?> ProbeAsync(CancellationToken cancellationToken);
}
