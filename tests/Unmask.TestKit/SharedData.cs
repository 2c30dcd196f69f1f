namespace Unmask.TestKit;

/// <summary>
/// The real published data in <c>../shared/data</c> (never copied into the repo). Tests that read it are named
/// <c>*_RealFile</c>; they fail loudly when the folder is missing, so a CI run without the data cannot pass silently.
/// Set <c>UNMASK_SHARED_DATA</c> to point elsewhere.
/// </summary>
public static class SharedData
{
    public static string Root
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("UNMASK_SHARED_DATA");
            if (!string.IsNullOrEmpty(configured))
            {
                return Require(configured);
            }
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
                dir = dir.Parent;
            }
            throw new DirectoryNotFoundException(
                "../shared/data (the real published lists) was not found above " + AppContext.BaseDirectory
                + "; *_RealFile tests need it. Set UNMASK_SHARED_DATA to its path.");
        }
    }

    public static string Path(string relative) => Require(System.IO.Path.Combine(Root, relative));

    private static string Require(string path) =>
        File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"shared data file missing: {path} (*_RealFile tests need ../shared/data)");
}
