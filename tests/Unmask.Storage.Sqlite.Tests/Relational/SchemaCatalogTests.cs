using Unmask.Storage.Relational;

namespace Unmask.Storage.Sqlite.Tests.Relational;

public sealed class SchemaCatalogTests
{
    private static CatalogTable Table(string name, params string[] parents) => new(name, [], [], parents);

    [Fact]
    public void Parents_come_first_and_ties_are_broken_by_name()
    {
        var ordered = SchemaCatalog.InForeignKeyOrder([
            Table("site_pages", "sites", "blobs"),
            Table("sites"),
            Table("blobs"),
            Table("audit_log"),
        ]);

        ordered.Select(t => t.Name).ShouldBe(["audit_log", "blobs", "sites", "site_pages"]);
    }

    [Fact]
    public void A_table_that_refers_to_itself_is_ordered_and_a_cycle_between_tables_is_refused()
    {
        SchemaCatalog.InForeignKeyOrder([Table("nodes", "nodes")]).ShouldHaveSingleItem().Name.ShouldBe("nodes");

        var error = Should.Throw<InvalidOperationException>(() => SchemaCatalog.InForeignKeyOrder([Table("a", "b"), Table("b", "a"), Table("c")]));

        error.Message.ShouldContain("a, b");
    }
}
