using System.Reflection;

namespace Unmask.Architecture.Tests;

/// <summary>The product's own assemblies (src/), as built beside this test project: not tests, not the test kit.</summary>
internal static class ProductAssemblies
{
    public static Dictionary<string, Assembly> ByName()
    {
        var folder = AppContext.BaseDirectory;
        return Directory.EnumerateFiles(folder, "Unmask.*.dll").Append(Path.Combine(folder, "unmask.dll"))
            .Where(File.Exists)
            .Select(Assembly.LoadFrom)
            .Where(a => a.GetName().Name is { } n && !n.EndsWith(".Tests", StringComparison.Ordinal) && n != "Unmask.TestKit")
            .ToDictionary(a => a.GetName().Name == "unmask" ? "Unmask.Cli" : a.GetName().Name!, a => a);
    }
}
