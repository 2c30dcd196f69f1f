using System.Data.Common;

namespace Unmask.Storage.Relational;

/// <summary>Jobs in the <c>jobs</c> table. Each change of status is one statement whose WHERE says from which status it
/// may happen, so two servers racing on one job (claim and claim, cancel and complete) leave it as exactly one of them
/// decided. Claiming picks the oldest queued row with the dialect's "skip rows another claimer holds" (PostgreSQL's
/// FOR UPDATE SKIP LOCKED; SQLite's single writer makes claimers take turns).</summary>
public sealed class RelationalJobStore(RelationalDatabase db) : IJobStore
{
    private const string Columns = "id, kind, status, progress, progress_note, owner, parameters, result, error, worker, attempts, created_at, started_at, heartbeat_at, finished_at";

    private readonly SqlDialect _dialect = db.Dialect;

    public async Task<Job> CreateAsync(NewJob job, CancellationToken cancellationToken = default)
    {
        ServiceRows.RequireText(job.Kind, "job kind");
        ServiceRows.RequireText(job.Owner, "job owner");
        ServiceRows.RequireJson(job.ParametersJson, "job parameters");
        var created = await db.QueryAsync($"""
            INSERT INTO jobs (kind, status, progress, owner, parameters, attempts, created_at)
            VALUES (@kind, 'queued', 0, @owner, @parameters, 0, @created)
            RETURNING {Columns}
            """, command =>
            {
                command.With("@kind", job.Kind).With("@owner", job.Owner);
                _dialect.Json(command, "@parameters", job.ParametersJson);
                _dialect.Time(command, "@created", job.CreatedAt);
            }, Read, cancellationToken);
        return created.Single();
    }

    public async Task<Job?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (ServiceRows.ParseId(id) is not { } number)
        {
            return null;
        }
        var rows = await db.QueryAsync($"SELECT {Columns} FROM jobs WHERE id = @id", command => command.With("@id", number), Read, cancellationToken);
        return rows.SingleOrDefault();
    }

    public async Task<IReadOnlyList<Job>> ListAsync(string? owner = null, JobStatus? status = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ServiceRows.RequireLimit(limit);
        var filters = new List<string>();
        if (owner is not null)
        {
            filters.Add("owner = @owner");
        }
        if (status is not null)
        {
            filters.Add("status = @status");
        }
        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
        return await db.QueryAsync($"SELECT {Columns} FROM jobs {where} ORDER BY created_at DESC, id DESC LIMIT @limit", command =>
        {
            command.With("@limit", limit);
            if (owner is not null)
            {
                command.With("@owner", owner);
            }
            if (status is { } wanted)
            {
                command.With("@status", StatusText(wanted));
            }
        }, Read, cancellationToken);
    }

    public async Task<Job?> ClaimNextAsync(string worker, IReadOnlyCollection<string> kinds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ServiceRows.RequireText(worker, "worker");
        if (kinds.Count == 0)
        {
            throw new ArgumentException("a worker claims jobs of at least one kind", nameof(kinds));
        }
        // The pick is materialised so it runs once: PostgreSQL may otherwise run a locking subquery again and take
        // other rows (and more of them) than it returned the first time.
        var kindParameters = string.Join(", ", kinds.Select((_, index) => $"@kind{index}"));
        var claimed = await db.QueryAsync($"""
            WITH pick AS MATERIALIZED (
                SELECT id FROM jobs WHERE status = 'queued' AND kind IN ({kindParameters})
                ORDER BY created_at, id LIMIT 1 {_dialect.LockRowsSkippingLocked})
            UPDATE jobs SET status = 'running', worker = @worker, attempts = attempts + 1, progress = 0, progress_note = NULL,
                started_at = @now, heartbeat_at = @now
            WHERE id IN (SELECT id FROM pick) AND status = 'queued'
            RETURNING {Columns}
            """, command =>
            {
                foreach (var (index, kind) in kinds.Index())
                {
                    command.With($"@kind{index}", kind);
                }
                command.With("@worker", worker);
                _dialect.Time(command, "@now", now);
            }, Read, cancellationToken);
        return claimed.SingleOrDefault();
    }

    public async Task<bool> ReportProgressAsync(string id, string worker, double progress, string? note, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!(progress >= 0 && progress <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(progress), progress, "progress is a share from 0 to 1");
        }
        return await UpdateRunningAsync(id, worker, "progress = @progress, progress_note = @note, heartbeat_at = @now", command =>
        {
            command.With("@progress", progress).With("@note", note);
            _dialect.Time(command, "@now", now);
        }, cancellationToken);
    }

    public Task<bool> CompleteAsync(string id, string worker, string resultJson, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ServiceRows.RequireJson(resultJson, "job result");
        return UpdateRunningAsync(id, worker, "status = 'succeeded', progress = 1, result = @result, heartbeat_at = @now, finished_at = @now", command =>
        {
            _dialect.Json(command, "@result", resultJson);
            _dialect.Time(command, "@now", now);
        }, cancellationToken);
    }

    public Task<bool> FailAsync(string id, string worker, string error, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ServiceRows.RequireText(error, "job error");
        return UpdateRunningAsync(id, worker, "status = 'failed', error = @error, heartbeat_at = @now, finished_at = @now", command =>
        {
            command.With("@error", error);
            _dialect.Time(command, "@now", now);
        }, cancellationToken);
    }

    public async Task<bool> CancelAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (ServiceRows.ParseId(id) is not { } number)
        {
            return false;
        }
        var changed = await db.ExecuteAsync("UPDATE jobs SET status = 'cancelled', finished_at = @now WHERE id = @id AND status IN ('queued', 'running')", command =>
        {
            command.With("@id", number);
            _dialect.Time(command, "@now", now);
        }, cancellationToken);
        return changed == 1;
    }

    public async Task<IReadOnlyList<Job>> RequeueAbandonedAsync(DateTimeOffset silentSince, int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (maxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAttempts), maxAttempts, "a job is tried at least once");
        }
        return await db.WriteAsync("jobs", async (connection, transaction) =>
        {
            void Bind(DbCommand command)
            {
                _dialect.Time(command, "@silent", silentSince);
                _dialect.Time(command, "@now", now);
                command.With("@max", maxAttempts);
            }
            var failed = await ServiceRows.QueryAsync(connection, transaction, $"""
                UPDATE jobs SET status = 'failed', finished_at = @now,
                    error = 'its worker ' || worker || ' stopped reporting; claimed ' || CAST(attempts AS TEXT) || ' times, not tried again'
                WHERE status = 'running' AND heartbeat_at < @silent AND attempts >= @max
                RETURNING {Columns}
                """, Bind, Read, cancellationToken);
            var queued = await ServiceRows.QueryAsync(connection, transaction, $"""
                UPDATE jobs SET status = 'queued', worker = NULL, progress = 0, progress_note = NULL, started_at = NULL, heartbeat_at = NULL
                WHERE status = 'running' AND heartbeat_at < @silent AND attempts < @max
                RETURNING {Columns}
                """, Bind, Read, cancellationToken);
            return (IReadOnlyList<Job>)[.. failed.Concat(queued).OrderBy(job => long.Parse(job.Id, System.Globalization.CultureInfo.InvariantCulture))];
        }, cancellationToken);
    }

    /// <summary>Changes a job only while it runs for this worker.</summary>
    private async Task<bool> UpdateRunningAsync(string id, string worker, string assignments, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        if (ServiceRows.ParseId(id) is not { } number)
        {
            return false;
        }
        var changed = await db.ExecuteAsync($"UPDATE jobs SET {assignments} WHERE id = @id AND status = 'running' AND worker = @worker", command =>
        {
            bind(command);
            command.With("@id", number).With("@worker", worker);
        }, cancellationToken);
        return changed == 1;
    }

    private Job Read(DbDataReader reader) => new(
        Id: reader.IdText(0),
        Kind: reader.GetString(1),
        Status: ParseStatus(reader.GetString(2)),
        Progress: reader.GetDouble(3),
        ProgressNote: reader.GetStringOrNull(4),
        Owner: reader.GetString(5),
        ParametersJson: reader.GetString(6),
        ResultJson: reader.GetStringOrNull(7),
        Error: reader.GetStringOrNull(8),
        Worker: reader.GetStringOrNull(9),
        Attempts: reader.GetInt32(10),
        CreatedAt: _dialect.GetTime(reader, 11),
        StartedAt: _dialect.GetTimeOrNull(reader, 12),
        HeartbeatAt: _dialect.GetTimeOrNull(reader, 13),
        FinishedAt: _dialect.GetTimeOrNull(reader, 14));

    private static string StatusText(JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "running",
        JobStatus.Succeeded => "succeeded",
        JobStatus.Failed => "failed",
        JobStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a job status"),
    };

    private static JobStatus ParseStatus(string text) => text switch
    {
        "queued" => JobStatus.Queued,
        "running" => JobStatus.Running,
        "succeeded" => JobStatus.Succeeded,
        "failed" => JobStatus.Failed,
        "cancelled" => JobStatus.Cancelled,
        _ => throw new InvalidDataException($"jobs.status '{text}' is not a job status"),
    };
}
