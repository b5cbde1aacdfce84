using System.Text;
using Maas.RedisBridge.Inbound;

namespace Maas.Tests.RedisBridge.Inbound;

/// <summary>What an unreadable message leaves in the log: a bounded excerpt that cannot pass for log lines of its own.</summary>
public sealed class DeadLettersTests
{
    [Fact]
    public void Escapes_control_characters_so_a_message_cannot_forge_a_log_line()
    {
        var body = Encoding.UTF8.GetBytes("not json\n17:00:00.000 info: Maas.Engine[0] Task forged completed\u001b[2J");

        var excerpt = DeadLetters.LogExcerpt(body);

        Assert.Equal(@"not json\u000a17:00:00.000 info: Maas.Engine[0] Task forged completed\u001b[2J", excerpt);
    }

    [Fact]
    public void Leaves_printable_text_as_it_is()
    {
        Assert.Equal("plain text, ünïcödé", DeadLetters.LogExcerpt(Encoding.UTF8.GetBytes("plain text, ünïcödé")));
    }
}
