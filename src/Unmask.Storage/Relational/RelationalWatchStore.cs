using System.Data.Common;

namespace Unmask.Storage.Relational;

/// <summary>Watches, their alerts and the alerts' webhook deliveries (<c>watches</c>, <c>alerts</c>,
/// <c>webhook_deliveries</c>). The unique key on alerts dedupes them (<c>ON CONFLICT DO NOTHING</c> returns only the new
/// rows); deliveries are handed out under a lease with the dialect's "skip rows another taker holds", so two servers never
/// post the same delivery at the same time.</summary>
public sealed class RelationalWatchStore(RelationalDatabase db) : IWatchStore
{
    private const string WatchColumns = "id, name, owner, query, datasets, threshold, webhook_url, active, created_at";
    private const string AlertColumns = "id, watch_id, entity_id, dataset, dataset_version, score, details, raised_at, acknowledged_by, acknowledged_at";
    private const string DeliveryColumns = "id, alert_id, url, attempts, status, response_code, error, created_at, last_attempt_at, next_attempt_at, delivered_at";

    private readonly SqlDialect _dialect = db.Dialect;

    public async Task<Watch> CreateAsync(NewWatch watch, CancellationToken cancellationToken = default)
    {
        ServiceRows.RequireText(watch.Name, "watch name");
        ServiceRows.RequireText(watch.Owner, "watch owner");
        ServiceRows.RequireJson(watch.QueryJson, "watch query");
        var datasets = ServiceRows.WordsJson(watch.Datasets, "watched lists");
        if (!(watch.Threshold >= 0 && watch.Threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(watch), watch.Threshold, "a watch's threshold is a score from 0 to 1");
        }
        if (watch.WebhookUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var webhook) && (webhook.Scheme == Uri.UriSchemeHttps || webhook.Scheme == Uri.UriSchemeHttp)))
        {
            throw new ArgumentException($"webhook '{url}' is not an absolute http(s) URL", nameof(watch));
        }
        var created = await db.QueryAsync($"""
            INSERT INTO watches (name, owner, query, datasets, threshold, webhook_url, active, created_at)
            VALUES (@name, @owner, @query, @datasets, @threshold, @webhook, @active, @created)
            RETURNING {WatchColumns}
            """, command =>
            {
                command.With("@name", watch.Name).With("@owner", watch.Owner).With("@threshold", watch.Threshold)
                    .With("@webhook", watch.WebhookUrl).With("@active", true);
                _dialect.Json(command, "@query", watch.QueryJson);
                _dialect.Json(command, "@datasets", datasets);
                _dialect.Time(command, "@created", watch.CreatedAt);
            }, ReadWatch, cancellationToken);
        return created.Single();
    }

    public async Task<Watch?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        ServiceRows.ParseId(id) is { } number
            ? (await db.QueryAsync($"SELECT {WatchColumns} FROM watches WHERE id = @id", command => command.With("@id", number), ReadWatch, cancellationToken)).SingleOrDefault()
            : null;

    public async Task<IReadOnlyList<Watch>> ListAsync(string? owner = null, CancellationToken cancellationToken = default) =>
        await db.QueryAsync($"SELECT {WatchColumns} FROM watches {(owner is null ? "" : "WHERE owner = @owner")} ORDER BY created_at, id", command =>
        {
            if (owner is not null)
            {
                command.With("@owner", owner);
            }
        }, ReadWatch, cancellationToken);

    public async Task<bool> DeactivateAsync(string id, CancellationToken cancellationToken = default)
    {
        if (ServiceRows.ParseId(id) is not { } number)
        {
            return false;
        }
        var changed = await db.ExecuteAsync("UPDATE watches SET active = @inactive WHERE id = @id AND active = @active",
            command => command.With("@id", number).With("@inactive", false).With("@active", true), cancellationToken);
        return changed == 1;
    }

    public async Task<IReadOnlyList<Alert>> RaiseAsync(IReadOnlyList<NewAlert> alerts, CancellationToken cancellationToken = default)
    {
        foreach (var alert in alerts)
        {
            ServiceRows.RequireId(alert.WatchId, "watch");
            ServiceRows.RequireText(alert.EntityId, "alert entity");
            ServiceRows.RequireText(alert.Dataset, "alert list");
            ServiceRows.RequireJson(alert.DetailsJson, "alert details");
            if (!double.IsFinite(alert.Score))
            {
                throw new ArgumentOutOfRangeException(nameof(alerts), alert.Score, "an alert's score is a number");
            }
        }
        if (alerts.Count == 0)
        {
            return [];
        }
        return await db.WriteAsync("watch-alerts", async (connection, transaction) =>
        {
            var watches = new Dictionary<long, (bool Active, string? WebhookUrl)>();
            var raised = new List<Alert>();
            foreach (var alert in alerts)
            {
                var watchId = ServiceRows.RequireId(alert.WatchId, "watch");
                if (!watches.TryGetValue(watchId, out var watch))
                {
                    var found = await ServiceRows.QueryAsync(connection, transaction, "SELECT active, webhook_url FROM watches WHERE id = @id",
                        command => command.With("@id", watchId), reader => (reader.GetBoolean(0), reader.GetStringOrNull(1)), cancellationToken);
                    watch = found.Count == 1 ? found[0] : throw new ArgumentException($"alert for watch {alert.WatchId}: there is no such watch", nameof(alerts));
                    watches[watchId] = watch;
                }
                if (!watch.Active)
                {
                    continue;
                }
                var inserted = await ServiceRows.QueryAsync(connection, transaction, $"""
                    INSERT INTO alerts (watch_id, entity_id, dataset, dataset_version, score, details, raised_at)
                    VALUES (@watch, @entity, @dataset, @version, @score, @details, @raised)
                    ON CONFLICT (watch_id, entity_id, dataset, dataset_version) DO NOTHING
                    RETURNING {AlertColumns}
                    """, command =>
                    {
                        command.With("@watch", watchId).With("@entity", alert.EntityId).With("@dataset", alert.Dataset)
                            .With("@version", alert.DatasetVersion).With("@score", alert.Score);
                        _dialect.Json(command, "@details", alert.DetailsJson);
                        _dialect.Time(command, "@raised", alert.RaisedAt);
                    }, ReadAlert, cancellationToken);
                if (inserted.Count == 0)
                {
                    continue;
                }
                var newAlert = inserted[0];
                raised.Add(newAlert);
                if (watch.WebhookUrl is { } url)
                {
                    await using var queue = Sql.Command(connection, transaction, """
                        INSERT INTO webhook_deliveries (alert_id, url, status, attempts, created_at, next_attempt_at)
                        VALUES (@alert, @url, 'pending', 0, @raised, @raised)
                        """).With("@alert", long.Parse(newAlert.Id, System.Globalization.CultureInfo.InvariantCulture)).With("@url", url);
                    _dialect.Time(queue, "@raised", alert.RaisedAt);
                    await queue.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            return (IReadOnlyList<Alert>)raised;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<Alert>> ListAlertsAsync(string? watchId = null, DateTimeOffset? since = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ServiceRows.RequireLimit(limit);
        long? watch = null;
        if (watchId is not null)
        {
            watch = ServiceRows.ParseId(watchId);
            if (watch is null)
            {
                return [];
            }
        }
        var filters = new List<string>();
        if (watch is not null)
        {
            filters.Add("watch_id = @watch");
        }
        if (since is not null)
        {
            filters.Add("raised_at >= @since");
        }
        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
        return await db.QueryAsync($"SELECT {AlertColumns} FROM alerts {where} ORDER BY raised_at DESC, id DESC LIMIT @limit", command =>
        {
            command.With("@limit", limit);
            if (watch is { } number)
            {
                command.With("@watch", number);
            }
            if (since is not null)
            {
                _dialect.Time(command, "@since", since);
            }
        }, ReadAlert, cancellationToken);
    }

    public async Task<Alert?> GetAlertAsync(string alertId, CancellationToken cancellationToken = default) =>
        ServiceRows.ParseId(alertId) is { } number
            ? (await db.QueryAsync($"SELECT {AlertColumns} FROM alerts WHERE id = @id", command => command.With("@id", number), ReadAlert, cancellationToken)).SingleOrDefault()
            : null;

    public async Task<bool> AcknowledgeAsync(string alertId, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ServiceRows.RequireText(by, "acknowledged by");
        if (ServiceRows.ParseId(alertId) is not { } number)
        {
            return false;
        }
        var changed = await db.ExecuteAsync("UPDATE alerts SET acknowledged_by = @by, acknowledged_at = @at WHERE id = @id AND acknowledged_at IS NULL", command =>
        {
            command.With("@id", number).With("@by", by);
            _dialect.Time(command, "@at", at);
        }, cancellationToken);
        return changed == 1;
    }

    public async Task<IReadOnlyList<WebhookDelivery>> ClaimDueDeliveriesAsync(DateTimeOffset now, TimeSpan lease, int limit = 100, CancellationToken cancellationToken = default)
    {
        ServiceRows.RequireLimit(limit);
        if (lease <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lease), lease, "a lease lasts some time");
        }
        // Materialised so the pick runs once (see RelationalJobStore.ClaimNextAsync).
        var claimed = await db.QueryAsync($"""
            WITH due AS MATERIALIZED (
                SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= @now
                ORDER BY next_attempt_at, id LIMIT @limit {_dialect.LockRowsSkippingLocked})
            UPDATE webhook_deliveries SET next_attempt_at = @until
            WHERE id IN (SELECT id FROM due) AND status = 'pending'
            RETURNING {DeliveryColumns}
            """, command =>
            {
                command.With("@limit", limit);
                _dialect.Time(command, "@now", now);
                _dialect.Time(command, "@until", now + lease);
            }, ReadDelivery, cancellationToken);
        return [.. claimed.OrderBy(delivery => long.Parse(delivery.Id, System.Globalization.CultureInfo.InvariantCulture))];
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesOfAsync(string alertId, CancellationToken cancellationToken = default) =>
        ServiceRows.ParseId(alertId) is { } number
            ? await db.QueryAsync($"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE alert_id = @alert ORDER BY id", command => command.With("@alert", number), ReadDelivery, cancellationToken)
            : [];

    public async Task<bool> RecordAttemptAsync(string deliveryId, DeliveryAttempt attempt, CancellationToken cancellationToken = default)
    {
        if (attempt.Delivered && attempt.NextAttemptAt is not null)
        {
            throw new ArgumentException("a delivered webhook has no next attempt", nameof(attempt));
        }
        if (ServiceRows.ParseId(deliveryId) is not { } number)
        {
            return false;
        }
        var status = attempt.Delivered ? "delivered" : attempt.NextAttemptAt is null ? "gave_up" : "pending";
        var changed = await db.ExecuteAsync("""
            UPDATE webhook_deliveries SET status = @status, attempts = attempts + 1, response_code = @code, error = @error,
                last_attempt_at = @at, next_attempt_at = @next, delivered_at = @delivered
            WHERE id = @id AND status = 'pending'
            """, command =>
            {
                command.With("@id", number).With("@status", status).With("@code", attempt.ResponseCode).With("@error", attempt.Error);
                _dialect.Time(command, "@at", attempt.At);
                _dialect.Time(command, "@next", attempt.NextAttemptAt);
                _dialect.Time(command, "@delivered", attempt.Delivered ? attempt.At : null);
            }, cancellationToken);
        return changed == 1;
    }

    private Watch ReadWatch(DbDataReader reader) => new(
        Id: reader.IdText(0),
        Name: reader.GetString(1),
        Owner: reader.GetString(2),
        QueryJson: reader.GetString(3),
        Datasets: ServiceRows.ReadWords(reader, 4),
        Threshold: reader.GetDouble(5),
        WebhookUrl: reader.GetStringOrNull(6),
        Active: reader.GetBoolean(7),
        CreatedAt: _dialect.GetTime(reader, 8));

    private Alert ReadAlert(DbDataReader reader) => new(
        Id: reader.IdText(0),
        WatchId: reader.IdText(1),
        EntityId: reader.GetString(2),
        Dataset: reader.GetString(3),
        DatasetVersion: reader.GetInt32(4),
        Score: reader.GetDouble(5),
        DetailsJson: reader.GetString(6),
        RaisedAt: _dialect.GetTime(reader, 7),
        AcknowledgedBy: reader.GetStringOrNull(8),
        AcknowledgedAt: _dialect.GetTimeOrNull(reader, 9));

    private WebhookDelivery ReadDelivery(DbDataReader reader) => new(
        Id: reader.IdText(0),
        AlertId: reader.IdText(1),
        Url: reader.GetString(2),
        Attempts: reader.GetInt32(3),
        Status: reader.GetString(4) switch
        {
            "pending" => DeliveryStatus.Pending,
            "delivered" => DeliveryStatus.Delivered,
            "gave_up" => DeliveryStatus.GaveUp,
            var other => throw new InvalidDataException($"webhook_deliveries.status '{other}' is not a delivery status"),
        },
        ResponseCode: reader.GetInt32OrNull(5),
        Error: reader.GetStringOrNull(6),
        CreatedAt: _dialect.GetTime(reader, 7),
        LastAttemptAt: _dialect.GetTimeOrNull(reader, 8),
        NextAttemptAt: _dialect.GetTimeOrNull(reader, 9),
        DeliveredAt: _dialect.GetTimeOrNull(reader, 10));
}
