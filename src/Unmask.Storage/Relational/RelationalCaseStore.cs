using System.Data.Common;
using System.Globalization;
using Unmask.Domain;

namespace Unmask.Storage.Relational;

/// <summary>Cases in <c>cases</c>, <c>case_members</c>, <c>case_findings</c> and <c>case_decisions</c>. Every change is
/// made inside the audit log's write transaction (<see cref="RelationalAuditLog.WriteAsync{T}"/>), together with the
/// entry that records it; the version check happens under that lock, and <c>case_decisions</c>' key (case, version) refuses
/// a second decision on one version even if it did not.</summary>
public sealed class RelationalCaseStore(RelationalDatabase database, RelationalAuditLog audit) : ICaseStore
{
    public const string OpenAction = "case.open";
    public const string DecideAction = "case.decide";
    public const string ConflictAction = "case.decide.conflict";

    private SqlDialect Dialect => database.Dialect;

    public async Task<StoredCase> OpenAsync(NewCase opening, CancellationToken cancellationToken = default)
    {
        var (opened, _) = await audit.WriteAsync(async (connection, transaction) =>
        {
            await using var next = Sql.Command(connection, transaction, "SELECT COALESCE(MAX(number), 0) + 1 FROM cases");
            var number = Convert.ToInt64(await next.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            var item = new StoredCase($"case-{number.ToString(CultureInfo.InvariantCulture)}", opening.Subject, "open", 1, opening.OpenedBy,
                StoredTime.Normalize(opening.OpenedAt), [.. opening.Members], [.. opening.Findings], []);
            await InsertAsync(connection, transaction, Dialect, item, cancellationToken);
            return new AuditedChange<StoredCase>(item, item.OpenedBy, OpenAction, item.Id,
                $"subject {item.Subject}; {item.Members.Count} members, {item.Findings.Count} findings", [Document(item)]);
        }, cancellationToken);
        return opened;
    }

    public async Task<StoredCase> DecideAsync(string caseId, int expectedVersion, CaseDecisionRow decision, CancellationToken cancellationToken = default)
    {
        var made = decision with { At = StoredTime.Normalize(decision.At) };
        var (outcome, _) = await audit.WriteAsync(async (connection, transaction) =>
        {
            var current = await ReadOneAsync(connection, transaction, caseId, cancellationToken)
                ?? throw new InputException("case", null, $"no case '{caseId}' (see 'unmask case list')");
            if (current.Version != expectedVersion)
            {
                // Nothing of the case changes, but the attempt is kept: the entry is committed, then the conflict thrown.
                var winner = current.Decisions.Count == 0 ? null : current.Decisions[^1];
                var conflict = new CaseConflictException(caseId, expectedVersion, current.Version, winner);
                var details = $"{made.Decision}: {made.Reason}; refused: made on version {expectedVersion}, the case is at version {current.Version}"
                    + (winner is null ? "" : $" after '{winner.Decision}' by {winner.By}");
                return new AuditedChange<Outcome>(new Outcome(null, conflict), made.By, ConflictAction, caseId, details, []);
            }
            await using (var update = Sql.Command(connection, transaction,
                "UPDATE cases SET status = @status, version = version + 1 WHERE id = @id AND version = @expected")
                .With("@status", made.Decision).With("@id", caseId).With("@expected", (long)expectedVersion))
            {
                if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    throw new InvalidOperationException($"case {caseId} moved from version {expectedVersion} while its write lock was held");
                }
            }
            await InsertDecisionAsync(connection, transaction, Dialect, caseId, expectedVersion + 1, made, cancellationToken);
            var decided = current with { Status = made.Decision, Version = expectedVersion + 1, Decisions = [.. current.Decisions, made] };
            return new AuditedChange<Outcome>(new Outcome(decided, null), made.By, DecideAction, caseId, $"{made.Decision}: {made.Reason}", [Document(decided)]);
        }, cancellationToken);
        return outcome.Decided ?? throw outcome.Conflict!;
    }

    public async Task<StoredCase?> GetAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var snapshot = await Dialect.BeginReadAsync(connection, cancellationToken);
        return await ReadOneAsync(connection, snapshot, caseId, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredCase>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var snapshot = await Dialect.BeginReadAsync(connection, cancellationToken);
        return await ReadAllAsync(connection, snapshot, Dialect, null, cancellationToken);
    }

    /// <summary>Writes a whole case (its decisions made versions 2, 3...) in the caller's transaction, as it is: for
    /// opening one, and for a step that moves cases in from an older store (which then adopts them in the audit log with
    /// <see cref="RelationalAuditLog.AdoptCasesAsync"/>).</summary>
    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, StoredCase item, CancellationToken cancellationToken = default)
    {
        if (item.Version != item.Decisions.Count + 1)
        {
            throw new ArgumentException($"case {item.Id} is at version {item.Version} with {item.Decisions.Count} decisions: every decision makes one version", nameof(item));
        }
        await using (var insert = Sql.Command(connection, transaction,
            "INSERT INTO cases (id, number, subject, status, version, opened_by, opened_at) VALUES (@id, @number, @subject, @status, @version, @by, @at)")
            .With("@id", item.Id).With("@number", Number(item.Id)).With("@subject", item.Subject).With("@status", item.Status)
            .With("@version", (long)item.Version).With("@by", item.OpenedBy))
        {
            dialect.Time(insert, "@at", item.OpenedAt);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await InsertListAsync(connection, transaction, "case_members", "node", item.Id, item.Members, cancellationToken);
        await InsertListAsync(connection, transaction, "case_findings", "finding", item.Id, item.Findings, cancellationToken);
        for (var i = 0; i < item.Decisions.Count; i++)
        {
            await InsertDecisionAsync(connection, transaction, dialect, item.Id, i + 2, item.Decisions[i], cancellationToken);
        }
    }

    private static long Number(string caseId) =>
        caseId.StartsWith("case-", StringComparison.Ordinal) && long.TryParse(caseId["case-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"'{caseId}' is not a case id (case-1, case-2...)", nameof(caseId));

    private static async Task InsertDecisionAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, string caseId, int version,
        CaseDecisionRow decision, CancellationToken cancellationToken)
    {
        await using var insert = Sql.Command(connection, transaction,
            "INSERT INTO case_decisions (case_id, version, decision, reason, decided_by, decided_at) VALUES (@id, @version, @decision, @reason, @by, @at)")
            .With("@id", caseId).With("@version", (long)version).With("@decision", decision.Decision).With("@reason", decision.Reason).With("@by", decision.By);
        dialect.Time(insert, "@at", decision.At);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static AuditedDocument Document(StoredCase item) => new(CaseDocument.Collection, item.Id, CaseDocument.Sha256(item));

    private async Task<StoredCase?> ReadOneAsync(DbConnection connection, DbTransaction transaction, string caseId, CancellationToken cancellationToken) =>
        (await ReadAllAsync(connection, transaction, Dialect, caseId, cancellationToken)).SingleOrDefault();

    /// <summary>Every case (or the one named), by number, assembled from its four tables in the caller's transaction.</summary>
    internal static async Task<List<StoredCase>> ReadAllAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, string? caseId,
        CancellationToken cancellationToken)
    {
        var filter = caseId is null ? "" : " WHERE case_id = @id";
        var members = await ReadListsAsync(connection, transaction, $"SELECT case_id, node FROM case_members{filter} ORDER BY case_id, position", caseId, cancellationToken);
        var findings = await ReadListsAsync(connection, transaction, $"SELECT case_id, finding FROM case_findings{filter} ORDER BY case_id, position", caseId, cancellationToken);
        var decisions = new Dictionary<string, List<CaseDecisionRow>>(StringComparer.Ordinal);
        await using (var command = WithCase(Sql.Command(connection, transaction, $"SELECT case_id, decision, reason, decided_by, decided_at FROM case_decisions{filter} ORDER BY case_id, version"), caseId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ListOf(decisions, reader.GetString(0)).Add(new CaseDecisionRow(reader.GetString(1), reader.GetString(2), reader.GetString(3), dialect.GetTime(reader, 4)));
            }
        }
        var cases = new List<StoredCase>();
        await using (var command = WithCase(Sql.Command(connection, transaction,
            $"SELECT id, subject, status, version, opened_by, opened_at FROM cases{(caseId is null ? "" : " WHERE id = @id")} ORDER BY number"), caseId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(0);
                cases.Add(new StoredCase(id, reader.GetString(1), reader.GetString(2), checked((int)reader.GetInt64(3)), reader.GetString(4), dialect.GetTime(reader, 5),
                    members.GetValueOrDefault(id) ?? [], findings.GetValueOrDefault(id) ?? [], decisions.GetValueOrDefault(id) ?? []));
            }
        }
        return cases;
    }

    private static async Task<Dictionary<string, List<string>>> ReadListsAsync(DbConnection connection, DbTransaction transaction, string sql, string? caseId,
        CancellationToken cancellationToken)
    {
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using var command = WithCase(Sql.Command(connection, transaction, sql), caseId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ListOf(lists, reader.GetString(0)).Add(reader.GetString(1));
        }
        return lists;
    }

    private static List<T> ListOf<T>(Dictionary<string, List<T>> lists, string caseId)
    {
        if (!lists.TryGetValue(caseId, out var list))
        {
            lists[caseId] = list = [];
        }
        return list;
    }

    private static async Task InsertListAsync(DbConnection connection, DbTransaction transaction, string table, string column, string caseId,
        IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        await using var insert = Sql.Command(connection, transaction, $"INSERT INTO {table} (case_id, position, {column}) VALUES (@id, @position, @value)");
        var id = insert.CreateParameter();
        id.ParameterName = "@id";
        id.Value = caseId;
        insert.Parameters.Add(id);
        var position = insert.CreateParameter();
        position.ParameterName = "@position";
        insert.Parameters.Add(position);
        var value = insert.CreateParameter();
        value.ParameterName = "@value";
        insert.Parameters.Add(value);
        for (var i = 0; i < values.Count; i++)
        {
            position.Value = (long)i;
            value.Value = values[i];
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The <c>@id</c> of a query filtered to one case; none when it reads them all.</summary>
    private static DbCommand WithCase(DbCommand command, string? caseId) => caseId is null ? command : command.With("@id", caseId);

    /// <summary>A decision recorded, or the conflict to throw once its audit entry is committed.</summary>
    private sealed record Outcome(StoredCase? Decided, CaseConflictException? Conflict);
}
