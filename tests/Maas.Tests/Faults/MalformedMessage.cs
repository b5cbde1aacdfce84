using StackExchange.Redis;

namespace Maas.Tests.Faults;

/// <summary>
/// One bad request. <see cref="ReadableTaskId"/> is the id the engine can read from it (it comes first in the
/// envelope, before whatever is wrong), so the request must be answered; without one it can only be dead-lettered.
/// </summary>
internal sealed record MalformedMessage(string Kind, RedisValue Body, string? ReadableTaskId);
