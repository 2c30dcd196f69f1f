namespace Unmask.Storage;

/// <summary>The whole store the application needs. One implementation per backend (SQLite embedded, PostgreSQL).</summary>
public interface IUnmaskStore : IAsyncDisposable
{
    /// <summary>Short backend name for messages, e.g. "sqlite:/home/me/.local/share/unmask/unmask.db".</summary>
    string Description { get; }

    IListStore Lists { get; }

    /// <summary>Generic JSON documents by collection and key (site index entries, vet results, cases), written atomically per batch.</summary>
    IDocumentStore Documents { get; }

    /// <summary>The append-only, hash-chained audit log of analyst actions and decisions.</summary>
    IAuditLog Audit { get; }
}
