using Unmask.Domain;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresLocationTests
{
    [Fact]
    public void A_url_gives_user_password_host_port_database_and_options()
    {
        var location = PostgresLocation.Parse("postgres://unmask:s3cr%40t@db.example:6543/cases?sslmode=require&application_name=unmask+cli");

        location.Builder.Username.ShouldBe("unmask");
        location.Builder.Password.ShouldBe("s3cr@t");
        location.Host.ShouldBe("db.example");
        location.Port.ShouldBe(6543);
        location.Database.ShouldBe("cases");
        location.Builder.SslMode.ShouldBe(Npgsql.SslMode.Require);
        location.Builder.ApplicationName.ShouldBe("unmask cli");
        location.Description.ShouldBe("postgres://unmask@db.example:6543/cases");
    }

    [Fact]
    public void A_url_without_port_or_user_takes_the_defaults()
    {
        var location = PostgresLocation.Parse("postgresql://localhost/unmask");

        location.HostAndPort.ShouldBe("localhost:5432");
        location.Description.ShouldBe("postgres://localhost:5432/unmask");
    }

    [Fact]
    public void A_connection_string_is_taken_as_npgsql_reads_it_and_described_without_its_password()
    {
        var location = PostgresLocation.Parse("Host=10.0.0.7;Port=5433;Username=analyst;Password=hunter2;Database=unmask");

        location.HostAndPort.ShouldBe("10.0.0.7:5433");
        location.Description.ShouldBe("postgres://analyst@10.0.0.7:5433/unmask");
        location.Description.ShouldNotContain("hunter2");
        location.ToString().ShouldNotContain("hunter2");
    }

    [Theory]
    [InlineData("postgres://unmask:hunter2@db.example:99999/unmask")]
    [InlineData("Host=db.example;Password=hunter2;Port=notaport")]
    [InlineData("Host=db.example;Password=hunter2;Frobnicate=yes")]
    public void A_malformed_location_is_bad_input_that_never_shows_the_password(string text)
    {
        var error = Should.Throw<InputException>(() => PostgresLocation.Parse(text, "$UNMASK_DB"));

        error.Message.ShouldStartWith("$UNMASK_DB");
        error.Message.ShouldNotContain("hunter2");
        error.Message.ShouldContain("***");
    }

    [Fact]
    public void Mask_hides_the_password_in_a_message_as_given_and_as_escaped_in_a_url()
    {
        var location = PostgresLocation.Parse("postgres://u:p%40ss@h/d");

        location.Mask("failed for p@ss and postgres://u:p%40ss@h/d").ShouldBe("failed for *** and postgres://u:***@h/d");
        PostgresLocation.MaskLocation("postgres://u:p%40ss@h/d").ShouldBe("postgres://u:***@h/d");
        PostgresLocation.MaskLocation("Host=h;Password=p@ss;Database=d").ShouldBe("Host=h;Password=***;Database=d");
    }

    [Theory]
    [InlineData("postgres://h/d", true)]
    [InlineData("POSTGRESQL://h/d", true)]
    [InlineData("Host=h;Database=d", true)]
    [InlineData("Server=h; Database=d", true)]
    [InlineData("/var/lib/unmask/unmask.db", false)]
    [InlineData("stores/Host=1.db", false)]
    [InlineData("unmask.db", false)]
    public void Tells_a_postgres_location_from_a_sqlite_file(string text, bool postgres) =>
        PostgresLocation.IsPostgres(text).ShouldBe(postgres);
}
