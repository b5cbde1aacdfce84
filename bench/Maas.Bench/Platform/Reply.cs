using System.Buffers.Text;
using System.Text.Json;

namespace Maas.Bench.Platform;

/// <summary>
/// The three facts the bench needs from an engine message: its type, the index in the task id, and <c>data.status</c>.
/// Read with a forward-only reader that skips <c>output_data</c>, because the bench shares the machine with the engine
/// and must spend as little CPU as it can on each of its replies.
/// </summary>
public readonly record struct Reply(ReplyKind Kind, int Index)
{
    private static ReadOnlySpan<byte> MessageType => "message_type"u8;

    private static ReadOnlySpan<byte> TaskIdName => "task_id"u8;

    private static ReadOnlySpan<byte> DataName => "data"u8;

    private static ReadOnlySpan<byte> StatusName => "status"u8;

    /// <summary>The reply about task <c>{prefix}{index}</c>, or null if it is about a task of another run, or not a task reply.</summary>
    public static Reply? Read(ReadOnlySpan<byte> json, ReadOnlySpan<byte> taskIdPrefix)
    {
        var reader = new Utf8JsonReader(json);
        string? type = null;
        string? status = null;
        var index = -1;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.CurrentDepth == 1 && reader.ValueTextEquals(MessageType))
            {
                reader.Read();
                type = reader.GetString();
            }
            else if (reader.CurrentDepth == 1 && reader.ValueTextEquals(TaskIdName))
            {
                reader.Read();
                var id = reader.ValueSpan;
                if (!id.StartsWith(taskIdPrefix) || !Utf8Parser.TryParse(id[taskIdPrefix.Length..], out index, out var used) || used != id.Length - taskIdPrefix.Length)
                {
                    return null;
                }
            }
            else if (reader.CurrentDepth == 2 && reader.ValueTextEquals(StatusName))
            {
                reader.Read();
                status = reader.GetString();
            }
            else if (!(reader.CurrentDepth == 1 && reader.ValueTextEquals(DataName)))
            {
                reader.Read();
                reader.Skip();
            }
        }

        var kind = type switch
        {
            "task_completed" => ReplyKind.Completed,
            "task_failed" => ReplyKind.Failed,
            "task_status_update" when status == "IN_PROGRESS" => ReplyKind.InProgress,
            _ => ReplyKind.Other,
        };
        return index < 0 ? null : new Reply(kind, index);
    }
}
