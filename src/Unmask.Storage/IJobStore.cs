namespace Unmask.Storage;

/// <summary>Background jobs of the service (batch screening, list updates, site crawls). Workers claim queued jobs; a job
/// is claimed by one worker only, even with several servers on one database. A running job's worker reports progress,
/// which doubles as its heartbeat: a job whose worker went silent can be queued again.</summary>
public interface IJobStore
{
    /// <summary>Queues a job. Its parameters must be JSON.</summary>
    Task<Job> CreateAsync(NewJob job, CancellationToken cancellationToken = default);

    Task<Job?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Newest first, optionally of one owner and/or status.</summary>
    Task<IReadOnlyList<Job>> ListAsync(string? owner = null, JobStatus? status = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Moves the oldest queued job of one of these kinds to running for this worker, or returns null. Two workers
    /// claiming at once never get the same job.</summary>
    Task<Job?> ClaimNextAsync(string worker, IReadOnlyCollection<string> kinds, DateTimeOffset now, CancellationToken cancellationToken = default);

    // The three calls of a job's worker name the worker: one that went silent and had its job handed to another cannot
    // then overwrite that other's work.

    /// <summary>Progress of a job this worker runs, 0 to 1, with a short note ("4,000 of 10,000 rows"); also its heartbeat
    /// at <paramref name="now"/>. False when the job is no longer this worker's to run (cancelled, or handed to another
    /// after this worker went silent): the worker stops.</summary>
    Task<bool> ReportProgressAsync(string id, string worker, double progress, string? note, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records the result (JSON) of a job this worker runs; false when it no longer does (cancelled meanwhile).</summary>
    Task<bool> CompleteAsync(string id, string worker, string resultJson, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records why a job this worker runs failed; false when it no longer runs it.</summary>
    Task<bool> FailAsync(string id, string worker, string error, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Cancels a queued or running job; false when it had already finished.</summary>
    Task<bool> CancelAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Running jobs whose last heartbeat is before <paramref name="silentSince"/> (their worker stopped): queued
    /// again when they have been claimed fewer than <paramref name="maxAttempts"/> times, else failed saying so. Returns
    /// the jobs changed.</summary>
    Task<IReadOnlyList<Job>> RequeueAbandonedAsync(DateTimeOffset silentSince, int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken = default);
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

/// <param name="ParametersJson">As given, equal in meaning (PostgreSQL's jsonb may reorder keys and spacing).</param>
/// <param name="Attempts">How many times a worker claimed it (more than one after its worker went silent).</param>
/// <param name="HeartbeatAt">When its worker last claimed it or reported progress.</param>
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
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? HeartbeatAt,
    DateTimeOffset? FinishedAt);
