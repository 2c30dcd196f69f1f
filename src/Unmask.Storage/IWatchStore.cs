namespace Unmask.Storage;

/// <summary>Monitoring: a watch re-screens a query (or a batch) whenever a list changes; each new match is an alert, and
/// each alert may be delivered to a webhook (attempts counted, retried until delivered or given up).</summary>
public interface IWatchStore
{
    Task<Watch> CreateAsync(NewWatch watch, CancellationToken cancellationToken = default);

    Task<Watch?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Oldest first, active or not, optionally of one owner.</summary>
    Task<IReadOnlyList<Watch>> ListAsync(string? owner = null, CancellationToken cancellationToken = default);

    /// <summary>Stops a watch (its alerts stay); false when there is no such active watch.</summary>
    Task<bool> DeactivateAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Records alerts, skipping any already raised for the same watch, entity and dataset version and any of a
    /// watch stopped meanwhile; returns the new ones. A webhook delivery, due at once, is queued for each new alert of a
    /// watch with a webhook. All or nothing; an unknown watch is refused.</summary>
    Task<IReadOnlyList<Alert>> RaiseAsync(IReadOnlyList<NewAlert> alerts, CancellationToken cancellationToken = default);

    /// <summary>Newest first, of one watch or all, optionally only those raised since a time.</summary>
    Task<IReadOnlyList<Alert>> ListAlertsAsync(string? watchId = null, DateTimeOffset? since = null, int limit = 100, CancellationToken cancellationToken = default);

    Task<Alert?> GetAlertAsync(string alertId, CancellationToken cancellationToken = default);

    /// <summary>False when there is no such alert or it was already acknowledged.</summary>
    Task<bool> AcknowledgeAsync(string alertId, string by, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Pending deliveries whose next attempt is due at <paramref name="now"/>, oldest due first, each handed to
    /// this caller only: their next attempt moves to <paramref name="now"/> + <paramref name="lease"/>, so another server
    /// asking meanwhile does not get them, and a caller that dies before recording its attempt leaves them due again.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ClaimDueDeliveriesAsync(DateTimeOffset now, TimeSpan lease, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The webhook deliveries of an alert (none when its watch has no webhook).</summary>
    Task<IReadOnlyList<WebhookDelivery>> DeliveriesOfAsync(string alertId, CancellationToken cancellationToken = default);

    /// <summary>Records one delivery attempt: delivered, or failed with the time of the next attempt (null: give up).
    /// False when there is no such pending delivery (already delivered or given up).</summary>
    Task<bool> RecordAttemptAsync(string deliveryId, DeliveryAttempt attempt, CancellationToken cancellationToken = default);
}

/// <param name="QueryJson">What is watched: a screening query in the API's shape.</param>
/// <param name="Datasets">Lists watched (empty: all).</param>
/// <param name="Threshold">Matches scoring at least this (0 to 1) raise alerts.</param>
/// <param name="WebhookUrl">An absolute http(s) URL each new alert is posted to, or null.</param>
public sealed record NewWatch(string Name, string Owner, string QueryJson, IReadOnlyList<string> Datasets, double Threshold, string? WebhookUrl, DateTimeOffset CreatedAt);

public sealed record Watch(
    string Id,
    string Name,
    string Owner,
    string QueryJson,
    IReadOnlyList<string> Datasets,
    double Threshold,
    string? WebhookUrl,
    bool Active,
    DateTimeOffset CreatedAt);

public sealed record NewAlert(string WatchId, string EntityId, string Dataset, int DatasetVersion, double Score, string DetailsJson, DateTimeOffset RaisedAt);

public sealed record Alert(
    string Id,
    string WatchId,
    string EntityId,
    string Dataset,
    int DatasetVersion,
    double Score,
    string DetailsJson,
    DateTimeOffset RaisedAt,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt);

public enum DeliveryStatus
{
    /// <summary>Not delivered yet; tried again at its next attempt.</summary>
    Pending,
    Delivered,
    /// <summary>Failed and not tried again.</summary>
    GaveUp,
}

/// <param name="ResponseCode">Of the last attempt, when the server answered.</param>
/// <param name="Error">Why the last attempt failed.</param>
public sealed record WebhookDelivery(
    string Id,
    string AlertId,
    string Url,
    int Attempts,
    DeliveryStatus Status,
    int? ResponseCode,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt);

/// <param name="NextAttemptAt">When to try again after a failure; null when giving up. Must be null when delivered.</param>
public sealed record DeliveryAttempt(bool Delivered, int? ResponseCode, string? Error, DateTimeOffset At, DateTimeOffset? NextAttemptAt);
