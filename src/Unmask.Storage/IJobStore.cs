namespace Unmask.Storage;

/// <summary>Background jobs of the service (batch screening, list updates, site crawls). Workers claim queued jobs; a job
/// is claimed by one worker only, even with several servers on one database.</summary>
public interface IJobStore
{
    Task<Job> CreateAsync(NewJob job, CancellationToken cancellationToken = default);

    Task<Job?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Newest first, optionally of one owner and/or status.</summary>
    Task<IReadOnlyList<Job>> ListAsync(string? owner = null, JobStatus? status = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Moves the oldest queued job of one of these kinds to running for this worker, or returns null.</summary>
    Task<Job?> ClaimNextAsync(string worker, IReadOnlyCollection<string> kinds, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Progress of a running job, 0 to 1, with a short note ("4,000 of 10,000 rows").</summary>
    Task ReportProgressAsync(string id, double progress, string? note, CancellationToken cancellationToken = default);

    Task CompleteAsync(string id, string resultJson, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task FailAsync(string id, string error, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Cancels a queued or running job; false when it had already finished.</summary>
    Task<bool> CancelAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);
}

public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

public sealed record NewJob(string Kind, string Owner, string ParametersJson, DateTimeOffset CreatedAt);

public sealed record Job(
    string Id,
    string Kind,
    JobStatus Status,
    double Progress,
    string? ProgressNote,
    string Owner,
    string ParametersJson,
    string? ResultJson,
    string? Error,
    string? Worker,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
