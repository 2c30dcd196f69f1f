namespace Unmask.TestKit;

/// <summary>Paths inside this repository (samples/, tests/fixtures) found from the test binary's folder.</summary>
public static class RepoPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Unmask.slnx")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new DirectoryNotFoundException("repository root (Unmask.slnx) not found");
        }
    }

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Fixture(params string[] parts) => System.IO.Path.Combine([Root, "tests", "fixtures", .. parts]);

    public static string Sample(params string[] parts) => System.IO.Path.Combine([Root, "samples", .. parts]);
}
