using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Unmask.Storage.Relational;

/// <summary>How a column's value is bound: as it is, as JSON or as a time (through the dialect).</summary>
internal enum ColumnType
{
    Value,
    Json,
    Time,
}

internal readonly record struct Column(string Name, ColumnType Type = ColumnType.Value);

/// <summary>Inserts rows many at a time (<c>INSERT … VALUES (…), (…), …</c>), so writing a graph or a vetting run of a
/// hundred thousand rows costs a few hundred statements instead of one round trip per row on PostgreSQL. Rows are sent
/// when a statement is full and by <see cref="FlushAsync"/>; call it before writing rows that refer to these.</summary>
/// <param name="conflict">An <c>ON CONFLICT …</c> clause for every statement, or null.</param>
internal sealed class RowInserter(DbConnection connection, DbTransaction transaction, SqlDialect dialect, string table, IReadOnlyList<Column> columns, string? conflict = null)
{
    // Both backends bind at least 32,766 parameters per statement (SQLite since 3.32, PostgreSQL 65,535).
    private const int MaxParameters = 30_000;
    private const int MaxRows = 500;

    private readonly int _rowsPerStatement = Math.Clamp(MaxParameters / columns.Count, 1, MaxRows);
    private readonly List<object?[]> _pending = [];
    private string? _fullStatement;

    public async Task AddAsync(object?[] row, CancellationToken cancellationToken)
    {
        if (row.Length != columns.Count)
        {
            throw new ArgumentException($"{table}: {row.Length} values for {columns.Count} columns", nameof(row));
        }
        _pending.Add(row);
        if (_pending.Count == _rowsPerStatement)
        {
            await FlushAsync(cancellationToken);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }
        var text = _pending.Count == _rowsPerStatement ? _fullStatement ??= Statement(_rowsPerStatement) : Statement(_pending.Count);
        await using var command = Sql.Command(connection, transaction, text);
        for (var row = 0; row < _pending.Count; row++)
        {
            for (var column = 0; column < columns.Count; column++)
            {
                var name = "@" + Parameter(row, column);
                var value = _pending[row][column];
                switch (columns[column].Type)
                {
                    case ColumnType.Json:
                        dialect.Json(command, name, (string?)value);
                        break;
                    case ColumnType.Time:
                        dialect.Time(command, name, (DateTimeOffset?)value);
                        break;
                    default:
                        command.With(name, value);
                        break;
                }
            }
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
        _pending.Clear();
    }

    private string Statement(int rows)
    {
        var text = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ");
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < columns.Count; column++)
            {
                text.Append(column == 0 ? "@" : ", @").Append(Parameter(row, column));
            }
            text.Append(')');
        }
        if (conflict is not null)
        {
            text.Append(' ').Append(conflict);
        }
        return text.ToString();
    }

    private static string Parameter(int row, int column) => string.Create(CultureInfo.InvariantCulture, $"p{row}_{column}");
}
