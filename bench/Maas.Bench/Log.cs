namespace Maas.Bench;

/// <summary>Progress on stderr, with the time, so a long run can be followed and its log kept beside the report.</summary>
public static class Log
{
    public static void Line(string message) => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} bench: {message}");
}
