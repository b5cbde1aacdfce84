namespace Maas.Bench.Platform;

public enum ReplyKind
{
    Other,
    InProgress,
    Completed,
    Failed,
}
