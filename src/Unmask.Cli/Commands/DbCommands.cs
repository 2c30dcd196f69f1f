using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Unmask.Application.Maintenance;
using Unmask.Domain;
using Unmask.Storage;
using Unmask.Storage.Postgres;
using Unmask.Storage.Sqlite;

namespace Unmask.Cli.Commands;

/// <summary><c>unmask db info|migrate|copy|backup|restore</c>: the store itself.</summary>
public static class DbCommands
{
    public static Command Build(CliConsole console)
    {
        var db = new Command("db", "The store itself: what it holds, migrations, copies between SQLite and PostgreSQL, SQLite backups");
        db.Subcommands.Add(Info(console));
        db.Subcommands.Add(Migrate(console));
        db.Subcommands.Add(Copy(console));
        db.Subcommands.Add(Backup(console));
        db.Subcommands.Add(Restore(console));
        return db;
    }

    private static Command Info(CliConsole console)
    {
        var command = new Command("info", "Backend, schema version (applied and known to this program), size, and the rows of every table");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time);
            var info = await store.Maintenance.InfoAsync(cancellationToken);
            if (console.Format(parsed, "table", "json") == "json")
            {
                await ListsCommands.WriteJson(console.Out, new
                {
                    backend = info.Backend,
                    store = info.Description,
                    schema_version = info.SchemaVersion,
                    known_schema_version = info.KnownSchemaVersion,
                    size_bytes = info.SizeBytes,
                    tables = info.Tables.Select(t => new { table = t.Table, rows = t.Rows }),
                });
                return ExitCodes.Success;
            }
            await console.Out.WriteLineAsync($"{info.Description}: {info.Backend}, schema version {info.SchemaVersion} (this program knows {info.KnownSchemaVersion}), {Size(info.SizeBytes)}");
            await WriteTable(console, ["table", "rows"], info.Tables.Select(t => new[] { t.Table, t.Rows.ToString("N0", CultureInfo.InvariantCulture) }));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Migrate(CliConsole console)
    {
        var command = new Command("migrate", "Apply the migrations the store has not seen yet (opening a store does it too) and say which were applied");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var started = console.Time.GetUtcNow();
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time, repairSiteIds: true);
            var migrations = await store.Maintenance.MigrationsAsync(cancellationToken);
            var applied = migrations.Where(m => DateTimeOffset.TryParse(m.AppliedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) && at >= started).ToList();
            var version = migrations.Select(m => m.Version).DefaultIfEmpty(0).Max();
            if (console.Format(parsed, "table", "json") == "json")
            {
                await ListsCommands.WriteJson(console.Out, new
                {
                    store = store.Description,
                    schema_version = version,
                    applied = applied.Select(m => new { version = m.Version, name = m.Name }),
                });
                return ExitCodes.Success;
            }
            await console.Out.WriteLineAsync(applied.Count == 0
                ? $"{store.Description}: up to date at schema version {version}"
                : $"{store.Description}: applied {string.Join(", ", applied.Select(m => m.Name))}; now at schema version {version}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Copy(CliConsole console)
    {
        var from = new Option<string?>("--from") { Description = "The store to copy (a SQLite path or a PostgreSQL connection; default: --db)" };
        var to = new Option<string>("--to") { Description = "A new, empty store to copy into (a SQLite path or a PostgreSQL connection)", Required = true };
        var command = new Command("copy", "Copy a whole store into a new, empty store of either backend (with the audit key and checkpoint), then check the rows of every table and the audit chain on the copy: exit 0 when they match, 3 when not")
        {
            from, to,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var source = StoreLocator.Open(parsed.GetValue(from) ?? parsed.GetValue(GlobalOptions.Db), console.Time);
            await using var target = StoreLocator.Open(parsed.GetValue(to), console.Time);
            var outcome = await StoreCopy.CopyAsync(source, target, cancellationToken);
            if (console.Format(parsed, "table", "json") == "json")
            {
                await ListsCommands.WriteJson(console.Out, new
                {
                    from = outcome.From,
                    to = outcome.To,
                    verified = outcome.Verified,
                    tables = outcome.Tables.Select(t => new { table = t.Table, source_rows = t.SourceRows, target_rows = t.TargetRows }),
                    audit = new { source = Describe(outcome.SourceAudit), target = Describe(outcome.TargetAudit), key = outcome.AuditKey },
                });
            }
            else
            {
                await console.Out.WriteLineAsync($"copied {outcome.From} to {outcome.To}");
                await WriteTable(console, ["table", "source rows", "target rows"],
                    outcome.Tables.Select(t => new[] { t.Table, t.SourceRows.ToString("N0", CultureInfo.InvariantCulture), t.TargetRows.ToString("N0", CultureInfo.InvariantCulture) }));
                await console.Out.WriteLineAsync($"audit chain: source {Describe(outcome.SourceAudit)}; copy {Describe(outcome.TargetAudit)}; key {outcome.AuditKey}");
            }
            if (!outcome.SourceAudit.Intact)
            {
                await console.Error.WriteLineAsync($"warning: before the copy, the source's audit chain was {Describe(outcome.SourceAudit)}");
            }
            if (!outcome.Verified)
            {
                var differing = outcome.Tables.Where(t => !t.Matches).Select(t => $"{t.Table} ({t.SourceRows} rows in the source, {t.TargetRows} in the copy)").ToList();
                await console.Error.WriteLineAsync("unmask: the copy does not match its source: "
                    + (differing.Count > 0 ? string.Join(", ", differing) : $"audit chain {Describe(outcome.TargetAudit)}"));
                return ExitCodes.Fault;
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Backup(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "The backup file to write (must not exist)" };
        var withKey = new Option<bool>("--with-key") { Description = "Also copy the audit key file beside the backup (FILE.audit-key, mode 0600); keep such a backup as safe as the key" };
        var command = new Command("backup", "Back up a SQLite store while it is in use (SQLite's online backup API), with its audit checkpoint beside the backup (FILE.audit-checkpoint)")
        {
            file, withKey,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time);
            var sqlite = store as SqliteStore
                ?? throw new InputException("--db", null, $"{store.Description} is not a SQLite store: back up PostgreSQL with pg_dump (docs/operations.md)");
            var written = SqliteBackup.Backup(sqlite, parsed.GetValue(file)!, parsed.GetValue(withKey));
            await WriteFiles(console, parsed, "backed up", store.Description, written);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Restore(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "A backup written by 'unmask db backup'" };
        var replace = new Option<bool>("--replace") { Description = "Replace the store even though it holds data" };
        var command = new Command("restore", "Restore a SQLite store (--db) from a backup, with the backup's audit checkpoint and key when they are beside it; then bring it up to date and check its audit chain")
        {
            file, replace,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var location = StoreLocator.Resolve(parsed.GetValue(GlobalOptions.Db));
            if (PostgresLocation.IsPostgres(location))
            {
                throw new InputException("--db", null, "db restore is for SQLite stores: restore PostgreSQL with pg_restore (docs/operations.md)");
            }
            var written = SqliteBackup.Restore(parsed.GetValue(file)!, location, parsed.GetValue(replace));
            await using var store = StoreLocator.Open(location, console.Time);
            var audit = await store.Audit.VerifyAsync(cancellationToken);
            await WriteFiles(console, parsed, "restored", Path.GetFullPath(parsed.GetValue(file)!), written, audit);
            if (!audit.Intact)
            {
                await console.Error.WriteLineAsync($"warning: the restored store's audit chain is {Describe(audit)}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteFiles(CliConsole console, ParseResult parsed, string done, string from, BackupFiles written, AuditVerification? audit = null)
    {
        if (console.Format(parsed, "table", "json") == "json")
        {
            await ListsCommands.WriteJson(console.Out, new
            {
                from,
                to = written.Database,
                size_bytes = written.SizeBytes,
                audit_checkpoint = written.Checkpoint,
                audit_key = written.Key,
                audit = audit is null ? null : Describe(audit),
            });
            return;
        }
        await console.Out.WriteLineAsync($"{done} {from} to {written.Database} ({Size(written.SizeBytes)})");
        await console.Out.WriteLineAsync($"audit checkpoint: {written.Checkpoint ?? "none"}; audit key: {written.Key ?? "not copied"}");
        if (audit is not null)
        {
            await console.Out.WriteLineAsync($"audit chain: {Describe(audit)}");
        }
    }

    private static string Describe(AuditVerification audit) =>
        audit.Problem is { } problem
            ? $"not intact: {problem.Where}: {problem.Reason}"
            : $"intact ({audit.Entries} entries, checkpoint at entry {audit.CheckpointSequence})";

    private static string Size(long bytes) => bytes switch
    {
        >= 1 << 30 => $"{bytes / (double)(1 << 30):0.0} GiB",
        >= 1 << 20 => $"{bytes / (double)(1 << 20):0.0} MiB",
        >= 1 << 10 => $"{bytes / (double)(1 << 10):0.0} KiB",
        _ => $"{bytes} bytes",
    };

    private static async Task WriteTable(CliConsole console, string[] headers, IEnumerable<string[]> rows)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in headers)
        {
            table.AddColumn(header);
        }
        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        console.Tables.Write(table);
        await console.Out.FlushAsync();
    }
}
