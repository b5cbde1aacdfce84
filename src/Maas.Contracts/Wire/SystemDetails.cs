namespace Maas.Contracts.Wire;

/// <summary>The <c>system_details</c> of a <c>system_error</c> failure.</summary>
/// <param name="Component">The failing component: <c>database</c>, <c>redis</c>, <c>engine</c>.</param>
/// <param name="ErrorCode">A short machine-readable code, e.g. <c>connection_timeout</c>.</param>
public sealed record SystemDetails(string Component, string ErrorCode);
