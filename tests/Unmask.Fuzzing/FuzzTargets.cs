using Unmask.Vetting.Input;
using Unmask.Watchlists;
using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.Fuzzing;

/// <summary>Every reader and parser of outside input, each through the public entry point the program uses.</summary>
public static class FuzzTargets
{
    public const string ListDetection = "list-detect";

    public static IReadOnlyList<FuzzTarget> All =>
    [
        .. ListReaders.Default.All.Select(ForListReader),
        new(ListDetection, "list.dat", (input, _) => ReadDetected(input)),
        new("vet-csv", "records.csv", (input, path) => ReadVetting(input, path)),
        new("vet-jsonl", "records.jsonl", (input, path) => ReadVetting(input, path)),
        new("signins", "signins.csv", (input, path) =>
        {
            File.WriteAllBytes(path, input);
            _ = SignInLogReader.Read(path).Count();
        }),
        new("resume-docx", "resume.docx", ReadResume),
        new("resume-pdf", "resume.pdf", ReadResume),
        new("photo", "photo.png", (input, path) => PhotoReader.Read(path, input)),
        new("site-html", "index.html", ReadSite),
        new("site-warc", "site.warc", ReadSite),
    ];

    public static FuzzTarget Named(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"no fuzz target '{name}' (targets: {string.Join(", ", All)})", nameof(name));

    /// <summary>Corpus folder name of a list reader: its format in kebab case (OfacSdnCsv: ofac-sdn-csv).</summary>
    public static string NameOf(ListFormat format) =>
        string.Concat(format.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static FuzzTarget ForListReader(IListReader reader) =>
        new(NameOf(reader.Format), "list.dat", (input, _) => ReadList(reader, input));

    private static void ReadList(IListReader reader, byte[] input)
    {
        var list = ListInput.FromBytes("list.dat", input);
        foreach (var entity in reader.ReadAsync(list, new ReadContext()).ToBlockingEnumerable())
        {
            _ = entity.Id;
        }
    }

    /// <summary>What <c>lists import</c> does first: sniff the head, then read with the reader that claims it.</summary>
    private static void ReadDetected(byte[] input)
    {
        var head = ListReaders.ReadHead(ListInput.FromBytes("list.dat", input));
        if (ListReaders.Default.Detect(head) is { } reader)
        {
            ReadList(reader, input);
        }
    }

    private static void ReadVetting(byte[] input, string path)
    {
        File.WriteAllBytes(path, input);
        _ = VetRecordReader.Read(path);
    }

    private static void ReadResume(byte[] input, string path)
    {
        File.WriteAllBytes(path, input);
        _ = ResumeFiles.ReadText(path, new VetInputLimits(), out _);
    }

    /// <summary>What <c>site analyze</c> does with a saved page or WARC: load it, decode each page and extract its features.</summary>
    private static void ReadSite(byte[] input, string path)
    {
        File.WriteAllBytes(path, input);
        foreach (var page in SiteLoader.Load(path).Pages)
        {
            _ = PageExtractor.Extract(page);
        }
    }
}
