namespace Maas.Engine.AI;

/// <summary>A free question to a provider (its model listing, never a completion) that says whether it is there.</summary>
public interface IProviderProbe
{
    /// <summary>Null when the provider answered; otherwise why not, in a few words.</summary>
    Task<string?> Probe(CancellationToken cancellationToken);
}
