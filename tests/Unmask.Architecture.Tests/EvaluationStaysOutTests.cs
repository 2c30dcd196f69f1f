using Unmask.TestKit;

namespace Unmask.Architecture.Tests;

/// <summary>The engines keep only what the product runs: evaluation harnesses, benchmarks and scale runs live in bench/
/// (bench/Unmask.Evaluation, used by the benchmarks and tests/Unmask.Evaluation.Tests) or in the tests.</summary>
public class EvaluationStaysOutTests
{
    private static readonly string[] EvaluationWords = ["Evaluation", "Benchmark", "Benchmarks", "Bench", "Scale"];

    [Fact]
    public void No_product_namespace_is_an_evaluation_benchmark_or_scale_namespace()
    {
        var offenders = ProductAssemblies.ByName().Values
            .SelectMany(a => a.GetTypes())
            .Select(t => t.Namespace)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Where(n => n.Split('.').Any(part => EvaluationWords.Contains(part, StringComparer.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .ToList();
        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void No_product_assembly_references_the_evaluation_code_the_benchmarks_or_the_tests()
    {
        foreach (var (name, assembly) in ProductAssemblies.ByName())
        {
            assembly.GetReferencedAssemblies().Select(r => r.Name!)
                .Where(r => r is "Unmask.Evaluation" or "Unmask.Benchmarks" or "Unmask.TestKit" || r.EndsWith(".Tests", StringComparison.Ordinal))
                .ShouldBeEmpty(customMessage: name);
        }
    }

    [Fact]
    public void No_source_project_has_an_evaluation_benchmark_or_scale_folder()
    {
        var src = RepoPaths.Path("src");
        var offenders = Directory.EnumerateDirectories(src, "*", SearchOption.AllDirectories)
            .Select(folder => Path.GetRelativePath(src, folder))
            .Where(relative => relative.Split(Path.DirectorySeparatorChar) is var parts
                               && !parts.Contains("bin") && !parts.Contains("obj")
                               && EvaluationWords.Contains(parts[^1], StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        offenders.ShouldBeEmpty();
    }
}
