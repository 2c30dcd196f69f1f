using System.Reflection;
using System.Runtime.CompilerServices;

namespace Unmask.Architecture.Tests;

/// <summary>The dependency rules of ARCHITECTURE.md, checked on the compiled assemblies.</summary>
public class DependencyRulesTests
{
    private static readonly string[] Parts = ["Unmask.Watchlists", "Unmask.Screening", "Unmask.WebsiteAnalysis", "Unmask.LinkGraph"];

    public static TheoryData<string> AllAssemblies => new(ProjectAssemblies().Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Domain_depends_on_nothing_of_ours() =>
        References("Unmask.Domain").ShouldBeEmpty();

    [Fact]
    public void The_parts_depend_on_the_domain_only()
    {
        foreach (var part in Parts.Where(ProjectAssemblies().ContainsKey))
        {
            References(part).ShouldBeSubsetOf(["Unmask.Domain"], customMessage: part);
        }
    }

    [Fact]
    public void Vetting_uses_only_the_domain_and_the_public_parts_it_builds_on()
    {
        References("Unmask.Vetting").ShouldBeSubsetOf(["Unmask.Domain", "Unmask.Screening", "Unmask.WebsiteAnalysis", "Unmask.LinkGraph"]);
    }

    [Fact]
    public void Storage_backends_depend_on_the_domain_and_the_storage_abstractions_only()
    {
        References("Unmask.Storage").ShouldBeSubsetOf(["Unmask.Domain"]);
        foreach (var backend in ProjectAssemblies().Keys.Where(n => n.StartsWith("Unmask.Storage.", StringComparison.Ordinal)))
        {
            References(backend).ShouldBeSubsetOf(["Unmask.Domain", "Unmask.Storage"], customMessage: backend);
        }
    }

    [Fact]
    public void Only_the_front_ends_choose_a_concrete_store()
    {
        ProjectAssemblies().Keys.ShouldContain("Unmask.Storage.Sqlite"); // both backends are among the assemblies checked
        ProjectAssemblies().Keys.ShouldContain("Unmask.Storage.Postgres");
        var choosers = ProjectAssemblies().Keys
            .Where(n => References(n).Any(r => r is "Unmask.Storage.Sqlite" or "Unmask.Storage.Postgres"))
            .Order(StringComparer.Ordinal);
        choosers.ShouldBeSubsetOf(["Unmask.Cli", "Unmask.Server"]);
    }

    [Fact]
    public void The_application_never_knows_a_concrete_store_or_a_front_end()
    {
        References("Unmask.Application").ShouldAllBe(r => !r.StartsWith("Unmask.Storage.", StringComparison.Ordinal) && r != "Unmask.Cli" && r != "Unmask.Server");
    }

    [Fact]
    public void The_front_ends_never_depend_on_each_other()
    {
        References("Unmask.Cli").ShouldNotContain("Unmask.Server");
    }

    [Theory]
    [MemberData(nameof(AllAssemblies))]
    public void No_static_mutable_state(string assemblyName)
    {
        var assembly = ProjectAssemblies()[assemblyName];
        var offenders = assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<CompilerGeneratedAttribute>() is null && !t.Name.Contains('<', StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => !f.IsLiteral && !f.IsInitOnly && f.GetCustomAttribute<CompilerGeneratedAttribute>() is null
                            && !f.Name.Contains('<', StringComparison.Ordinal))
                .Select(f => $"{t.FullName}.{f.Name}"))
            .ToList();
        offenders.ShouldBeEmpty();
    }

    private static List<string> References(string assemblyName) =>
        [.. ProjectAssemblies()[assemblyName].GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("Unmask.", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static Dictionary<string, Assembly> ProjectAssemblies() => ProductAssemblies.ByName();
}
