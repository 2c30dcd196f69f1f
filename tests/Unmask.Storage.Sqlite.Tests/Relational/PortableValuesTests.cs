using Unmask.Storage.Relational;

namespace Unmask.Storage.Sqlite.Tests.Relational;

public sealed class PortableValuesTests
{
    [Fact]
    public void Sqlite_text_and_integers_become_postgresql_times_and_booleans()
    {
        PortableValues.ToColumn("2026-12-07T19:40:19.4432700+00:00", ColumnKind.Time)
            .ShouldBe(new DateTimeOffset(2026, 12, 7, 19, 40, 19, TimeSpan.Zero).AddTicks(4432700));
        PortableValues.ToColumn(1L, ColumnKind.Boolean).ShouldBe(true);
        PortableValues.ToColumn(0L, ColumnKind.Boolean).ShouldBe(false);
        PortableValues.ToColumn(3L, ColumnKind.Real).ShouldBe(3.0);
    }

    [Fact]
    public void Postgresql_times_become_sqlite_round_trip_text_in_utc_to_the_microsecond()
    {
        var utc = new DateTime(2026, 12, 7, 19, 40, 19, DateTimeKind.Utc).AddTicks(4432700);

        PortableValues.ToColumn(utc, ColumnKind.Text).ShouldBe("2026-12-07T19:40:19.4432700+00:00");
        PortableValues.ToColumn(new DateTimeOffset(2026, 12, 7, 21, 40, 19, TimeSpan.FromHours(2)).AddTicks(4432719), ColumnKind.Text)
            .ShouldBe("2026-12-07T19:40:19.4432710+00:00");
        PortableValues.ToColumn(true, ColumnKind.Integer).ShouldBe(1L);
    }

    [Fact]
    public void Nulls_stay_null_and_provider_types_become_portable_ones()
    {
        PortableValues.ToColumn(DBNull.Value, ColumnKind.Json).ShouldBeNull();
        PortableValues.Read(7).ShouldBe(7L);
        PortableValues.Read(2.5m).ShouldBe(2.5);
        PortableValues.Read(DBNull.Value).ShouldBeNull();
    }
}
