using System.Collections;
using System.Diagnostics;
using Maas.Contracts.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Maas.Tests.Infrastructure.Telemetry;

/// <summary>
/// The spans an engine's in-memory exporter received (safe to read while the engine adds to it). The engine's source is
/// one per process, so an engine of a parallel test is heard too: look spans up by task id or trace id.
/// </summary>
public sealed class SpanCollection : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    /// <summary>Registers a tracer provider that exports to this collection.</summary>
    public void Register(IServiceCollection services) =>
        services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(this));

    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId)
    {
        lock (_gate)
        {
            return [.. _spans.Where(s => s.TraceId == traceId)];
        }
    }

    public IReadOnlyList<Activity> OfTask(string taskId)
    {
        lock (_gate)
        {
            return [.. _spans.Where(s => (string?)s.GetTagItem(EngineTelemetry.TaskId) == taskId)];
        }
    }

    /// <summary>Waits until a span of the task matches (spans are exported as they end, the result's publish last).</summary>
    public Task<Activity> WaitFor(string taskId, Func<Activity, bool> match, string what) =>
        Eventually.Until(() => Task.FromResult(OfTask(taskId).FirstOrDefault(match)), s => s is not null, what)!;

    public void Add(Activity item)
    {
        lock (_gate)
        {
            _spans.Add(item);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_gate)
        {
            return _spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_gate)
        {
            _spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_gate)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator()
    {
        lock (_gate)
        {
            return _spans.ToList().GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
