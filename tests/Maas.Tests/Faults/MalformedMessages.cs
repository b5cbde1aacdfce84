using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maas.Tests.Infrastructure;

namespace Maas.Tests.Faults;

/// <summary>
/// Ten thousand bad requests of the kinds a platform bug, a proxy or an attacker produce, from a fixed seed so that a
/// failing run can be replayed: random bytes, truncated JSON, NUL characters (escaped and raw), invalid UTF-8, nesting
/// past any parser's depth, huge strings, fields over their column's length or of the wrong type, and JSON that is not
/// an envelope at all. And the valid tasks with odd but legal ids that travel among them.
/// </summary>
internal static class MalformedMessages
{
    public const int Total = 10_000;

    private static readonly JsonSerializerOptions RawUtf8 = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] OddIdShapes =
    [
        "quote\"d_{0}", "it's_{0}", "slash/ed/{0}", "back\\slash_{0}", "ünïcödé_{0}", "任务_{0}", "emoji_😀_{0}", "space d {0}",
        "<tag>&amp;_{0}", "percent%20_{0}", "../../etc/passwd_{0}", "'; DROP TABLE task_state; --_{0}", "مهمة_{0}", "e\u0301_combining_{0}",
        "{{\"json\":\"in an id\"}}_{0}", "%s%n_{0}",
    ];

    public static IReadOnlyList<MalformedMessage> Generate(string run, int seed = 20261130)
    {
        var random = new Random(seed);
        var messages = new List<MalformedMessage>(Total);
        var n = 0;
        string Id(string kind) => $"{run}_{kind}_{n++}";

        for (var i = 0; i < 1500; i++)
        {
            var bytes = new byte[random.Next(1, 2000)];
            random.NextBytes(bytes);
            messages.Add(new("random bytes", bytes, null));
        }

        for (var i = 0; i < 1500; i++)
        {
            var id = Id("truncated");
            var json = Envelope(id).ToJsonString();
            var cut = random.Next(1, json.Length - 1);
            var idEnd = json.IndexOf(id, StringComparison.Ordinal) + id.Length + 1;
            messages.Add(new("truncated JSON", json[..cut], cut >= idEnd ? id : null));
        }

        for (var i = 0; i < 1500; i++)
        {
            var id = Id("nul");
            var field = (i % 5) switch { 0 => "input_data.description", 1 => "environment_id", 2 => "task_type", 3 => "agent_id", _ => "input_data.requirements" };
            var message = Envelope(id);
            var data = message.Data();
            switch (field)
            {
                case "input_data.description": data["input_data"]!["description"] = "hello\u0000world"; break;
                case "input_data.requirements": data["input_data"]!["requirements"] = new JsonArray("ok", "\u0000"); break;
                default: data[field] = $"x\u0000{i}"; break;
            }

            var json = message.ToJsonString();
            // Half escaped (legal JSON, illegal in PostgreSQL text), half a raw NUL byte (not even legal JSON).
            messages.Add(new("NUL", i % 2 == 0 ? json : json.Replace("\\u0000", "\0", StringComparison.Ordinal), id));
        }

        byte[][] invalidUtf8 = [[0xFF], [0xC3, 0x28], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]];
        for (var i = 0; i < 1500; i++)
        {
            var inTaskId = i % 10 == 0;
            var id = Id("utf8");
            var marker = "@@BAD@@";
            var message = Envelope(inTaskId ? id + marker : id);
            if (!inTaskId)
            {
                (i % 3 == 0 ? message.Data() : message.Data()["input_data"]!.AsObject())[i % 3 == 0 ? "environment_id" : "description"] = "bad " + marker;
            }

            var text = Encoding.UTF8.GetBytes(message.ToJsonString());
            var at = IndexOf(text, Encoding.UTF8.GetBytes(marker));
            var body = text[..at].Concat(invalidUtf8[i % invalidUtf8.Length]).Concat(text[(at + marker.Length)..]).ToArray();
            messages.Add(new("invalid UTF-8", body, inTaskId ? null : id));
        }

        for (var i = 0; i < 1000; i++)
        {
            var id = Id("deep");
            var depth = random.Next(65, 5000);
            var open = i % 2 == 0 ? "[" : "{\"a\":";
            var close = i % 2 == 0 ? "]" : "}";
            var json = Envelope(id).ToJsonString();
            var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
            messages.Add(new("deep nesting", json.Replace("\"requirements\":[]", $"\"requirements\":{nested}", StringComparison.Ordinal), id));
        }

        for (var i = 0; i < 60; i++)
        {
            var id = Id("huge");
            var message = Envelope(id);
            // Most under the 1 MiB message limit (they reach the saga), some over it (refused unread). 15 MB in all:
            // more would outgrow Redis's default output buffer for a subscriber (32 MB) on a busy machine.
            message.Data()["input_data"]!["description"] = new string((char)('a' + (i % 26)), i < 50 ? 100_000 : 1_100_000);
            messages.Add(new("huge strings", message.ToJsonString(), id));
        }

        for (var i = 0; i < 1500; i++)
        {
            var id = Id("fields");
            var message = Envelope(id);
            var data = message.Data();
            string? readable = id;
            switch (i % 10)
            {
                case 0: message["task_id"] = id + new string('x', 513 - id.Length + random.Next(0, 1500)); readable = (string?)message["task_id"]; break;
                case 1: data["task_type"] = new string('t', 129 + random.Next(0, 500)); break;
                case 2: data["environment_id"] = new string('e', 257 + random.Next(0, 500)); break;
                case 3: data["agent_id"] = new string('a', 257 + random.Next(0, 500)); break;
                case 4: message["task_id"] = i; readable = null; break;
                case 5: message["message_type"] = "task_explode"; break;
                case 6: message.Remove("data"); break;
                case 7: message["data"] = "not an object"; break;
                case 8: data["configuration"]!["timeout"] = i % 20 == 8 ? "soon" : -5; break;
                default: message["timestamp"] = "yesterday"; break;
            }

            messages.Add(new("wrong fields", message.ToJsonString(), readable));
        }

        string[] notEnvelopes = ["", " ", "null", "true", "42", "\"task_execute\"", "[]", "[{\"task_id\":\"in an array\"}]", "{}", "{\"task_id\":null}", "{\"task_id\":\"\"}", "{\"task_id\":\"   \"}"];
        while (messages.Count < Total)
        {
            messages.Add(new("not an envelope", notEnvelopes[messages.Count % notEnvelopes.Length], null));
        }

        return messages;
    }

    /// <summary>Valid tasks whose ids are legal but unusual: quotes, slashes, backslashes, unicode, SQL, up to the 512-character limit.</summary>
    public static IReadOnlyList<(string TaskId, string Json)> OddButLegalTasks(string run, int count)
    {
        var tasks = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var id = i % (OddIdShapes.Length + 1) == OddIdShapes.Length
                ? $"{run}_longest_{i}_".PadRight(512, 'z')
                : string.Format(CultureInfo.InvariantCulture, OddIdShapes[i % (OddIdShapes.Length + 1)], $"{run}_{i}");
            // Half as Python's json.dumps writes them by default (\u escapes), half as raw UTF-8 (ensure_ascii=False).
            tasks.Add((id, SeedMessages.TaskExecute(id).ToJsonString(i % 2 == 0 ? null : RawUtf8)));
        }

        return tasks;
    }

    /// <summary>The seed's request with the task id first, where a reader looking for it finds it before the damage.</summary>
    private static JsonObject Envelope(string taskId)
    {
        var seed = SeedMessages.TaskExecute(taskId);
        var message = new JsonObject { ["task_id"] = taskId };
        foreach (var (key, value) in seed.ToList())
        {
            if (key != "task_id")
            {
                seed.Remove(key);
                message[key] = value;
            }
        }

        return message;
    }

    private static int IndexOf(byte[] text, byte[] part)
    {
        for (var i = 0; i <= text.Length - part.Length; i++)
        {
            if (text.AsSpan(i, part.Length).SequenceEqual(part))
            {
                return i;
            }
        }

        throw new InvalidOperationException("marker not found");
    }
}
