using Maas.RedisBridge.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Maas.RedisBridge.Inbound;

/// <summary>
/// Messages nobody can be answered for (not JSON, no task id) are kept in a capped Redis list with why and a
/// bounded excerpt, newest first, so an operator can see what the platform sent: <c>LRANGE ai_engine:dead_letters 0 9</c>.
/// </summary>
internal sealed class DeadLetters(IConnectionMultiplexer redis, IOptions<RedisBridgeOptions> options, TimeProvider clock)
{
    public const int ExcerptChars = 512;

    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public async Task Keep(string channel, ReadOnlyMemory<byte> body, string reason)
    {
        Interlocked.Increment(ref _count);
        BridgeTelemetry.DeadLetters.Add(1, new KeyValuePair<string, object?>("channel", channel));
        var settings = options.Value;
        if (settings.DeadLetterLimit == 0)
        {
            return;
        }

        var record = new JsonObject
        {
            ["received_at"] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["channel"] = channel,
            ["reason"] = reason,
            ["bytes"] = body.Length,
            ["excerpt"] = Excerpt(body.Span),
        };

        var database = redis.GetDatabase();
        var key = new RedisKey(settings.DeadLetterKey);
        var batch = database.CreateBatch();
        var push = batch.ListLeftPushAsync(key, record.ToJsonString());
        var trim = batch.ListTrimAsync(key, 0, settings.DeadLetterLimit - 1);
        batch.Execute();
        await Task.WhenAll(push, trim);
    }

    /// <summary>
    /// The excerpt as one log line: control characters escaped, so a message cannot forge log lines of its own (a
    /// newline followed by a fake timestamp) or send escape sequences to an operator's terminal.
    /// </summary>
    public static string LogExcerpt(ReadOnlySpan<byte> body)
    {
        var text = Excerpt(body);
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var line = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                line.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                line.Append(c);
            }
        }

        return line.ToString();
    }

    public static string Excerpt(ReadOnlySpan<byte> body)
    {
        var slice = body[..Math.Min(body.Length, ExcerptChars * 4)];
        var text = Encoding.UTF8.GetString(slice);
        return text.Length <= ExcerptChars ? text : string.Concat(text.AsSpan(0, ExcerptChars), "…");
    }
}
