using Maas.Contracts.Messages;
using Maas.Contracts.Wire;

namespace Maas.Engine.Tasks;

/// <summary>
/// Why one attempt failed, whichever way the saga learned it (a worker's report or its own timer).
/// <see cref="Retryable"/> says whether the engine tries again itself; <see cref="RetryPossible"/> is what the platform
/// is told (an unknown task type is not retried here, yet the platform may send it again once an agent exists).
/// </summary>
internal sealed record AttemptFailure(
    string ErrorType,
    string ErrorMessage,
    bool Retryable,
    bool RetryPossible,
    string? ErrorDetails = null,
    IReadOnlyList<ValidationError>? ValidationErrors = null,
    SystemDetails? SystemDetails = null,
    int? TimeoutDuration = null,
    int? RetryDelaySeconds = null)
{
    public static AttemptFailure From(TaskAttemptFailed report, TaskState task) =>
        new(report.ErrorType, report.ErrorMessage, report.Retryable,
            RetryPossible: report.Retryable || report.RetryDelaySeconds is not null,
            report.ErrorDetails, report.ValidationErrors, report.SystemDetails,
            TimeoutDuration: report.ErrorType == ErrorTypes.AgentTimeout ? task.TimeoutSeconds : null,
            RetryDelaySeconds: report.RetryDelaySeconds);

    public static AttemptFailure InstanceLost(TaskState task, string instance) =>
        new(ErrorTypes.SystemError,
            $"Engine instance {instance} stopped during attempt {task.Attempt}",
            Retryable: true,
            RetryPossible: true,
            SystemDetails: new SystemDetails("engine", "instance_lost"));

    public static AttemptFailure TimedOut(TaskState task) =>
        new(ErrorTypes.AgentTimeout,
            $"Agent did not complete task within {task.TimeoutSeconds} seconds",
            Retryable: true,
            RetryPossible: true,
            TimeoutDuration: task.TimeoutSeconds);
}
