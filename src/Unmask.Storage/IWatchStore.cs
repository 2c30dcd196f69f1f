namespace Unmask.Storage;

/// <summary>Monitoring: a watch re-screens a query (or a batch) whenever a list changes; each new match is an alert, and
/// each alert may be delivered to a webhook (every attempt recorded).</summary>
public interface IWatchStore
{
    Task<Watch> CreateAsync(NewWatch watch, CancellationToken cancellationToken = default);

    Task<Watch?> GetAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Watch>> ListAsync(string? owner = null, CancellationToken cancellationToken = default);

    /// <summary>Stops a watch (its alerts stay); false when there is no such active watch.</summary>
    Task<bool> DeactivateAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Records alerts, skipping any already raised for the same watch, entity and dataset version; returns the
    /// new ones. A webhook delivery is queued for each new alert of a watch with a webhook.</summary>
    Task<IReadOnlyList<Alert>> RaiseAsync(IReadOnlyList<NewAlert> alerts, CancellationToken cancellationToken = default);

    /// <summary>Newest first, of one watch or all, optionally only those raised since a time.</summary>
    Task<IReadOnlyList<Alert>> ListAlertsAsync(string? watchId = null, DateTimeOffset? since = null, int limit = 100, CancellationToken cancellationToken = default);

    Task<bool> AcknowledgeAsync(string alertId, string by, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Deliveries not yet delivered whose next attempt is due.</summary>
    Task<IReadOnlyList<WebhookDelivery>> DueDeliveriesAsync(DateTimeOffset now, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Records one delivery attempt: delivered, or failed with the time of the next attempt (null: give up).</summary>
    Task RecordAttemptAsync(string deliveryId, DeliveryAttempt attempt, CancellationToken cancellationToken = default);
}

/// <param name="QueryJson">What is watched: a screening query in the API's shape.</param>
/// <param name="Datasets">Lists watched (empty: all).</param>
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

public sealed record WebhookDelivery(
    string Id,
    string AlertId,
    string Url,
    int Attempts,
    string Status,
    int? ResponseCode,
    string? Error,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt);

/// <param name="NextAttemptAt">When to try again after a failure; null when giving up.</param>
public sealed record DeliveryAttempt(bool Delivered, int? ResponseCode, string? Error, DateTimeOffset At, DateTimeOffset? NextAttemptAt);
