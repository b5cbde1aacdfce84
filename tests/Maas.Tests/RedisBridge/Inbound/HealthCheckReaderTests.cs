using System.Text;
using Maas.RedisBridge.Inbound;

namespace Maas.Tests.RedisBridge.Inbound;

/// <summary>What the bridge makes of each kind of message on the health channel: only a platform's health_check asks for an answer.</summary>
public sealed class HealthCheckReaderTests
{
    [Theory]
    [InlineData("""{"message_type":"health_check","timestamp":"2025-06-14T05:51:38.986513Z","source":"maas_platform","message_id":"m-1","data":{}}""", "maas_platform", "m-1")]
    [InlineData("""{"message_type":"health_check"}""", null, null)]
    [InlineData("""{"message_type":"health_check","source":"maas_platform","data":"anything","timestamp":"not a time","message_id":null}""", "maas_platform", null)]
    public void Reads_a_health_check_as_a_request_whatever_its_data(string json, string? source, string? messageId)
    {
        var request = Assert.IsType<HealthCheckMessage.Request>(HealthCheckReader.Read(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(source, request.Source);
        Assert.Equal(messageId, request.MessageId);
    }

    [Theory]
    [InlineData("""{"message_type":"health_check","source":"ai_engine"}""", "own")]
    [InlineData("""{"message_type":"system_status","source":"maas_platform","data":{"status":"healthy"}}""", "system_status")]
    [InlineData("""{"message_type":"task_execute","task_id":"t","source":"maas_platform","data":{}}""", "task_execute")]
    public void Ignores_the_engine_s_own_echo_and_other_message_types(string json, string reason)
    {
        var ignored = Assert.IsType<HealthCheckMessage.Ignored>(HealthCheckReader.Read(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(reason, ignored.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[]> MalformedMessages => new()
    {
        { "empty", [] },
        { "not JSON", Encoding.UTF8.GetBytes("health_check please") },
        { "cut short", Encoding.UTF8.GetBytes("{\"message_type\":\"health_check\",") },
        { "an array", Encoding.UTF8.GetBytes("""["health_check"]""") },
        { "a string", Encoding.UTF8.GetBytes("\"health_check\"") },
        { "no message_type", Encoding.UTF8.GetBytes("""{"source":"maas_platform","data":{}}""") },
        { "message_type not text", Encoding.UTF8.GetBytes("""{"message_type":7}""") },
        { "message_type with an unpaired surrogate", Encoding.UTF8.GetBytes("""{"message_type":"\ud800"}""") },
        { "message_type not UTF-8", [.. Encoding.UTF8.GetBytes("""{"message_type":"health_check"""), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\"}")] },
        { "nested too deep", Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100)) },
        { "too large", Encoding.UTF8.GetBytes($$"""{"message_type":"health_check","data":"{{new string('x', HealthCheckReader.MaxBytes)}}"}""") },
    };

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public void Reads_a_malformed_message_as_malformed_without_throwing(string what, byte[] body)
    {
        var read = HealthCheckReader.Read(body);

        Assert.True(read is HealthCheckMessage.Malformed, $"{what}: {read}");
    }
}
