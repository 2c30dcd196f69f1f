using System.IO.Compression;
using System.Text;
using Unmask.Domain;
using Unmask.TestKit;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Sources;

public sealed class SiteLoaderTests
{
    [Fact]
    public void Bad_pages_become_warnings_and_the_rest_is_loaded()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("blog"));
        File.WriteAllText(folder.File("index.html"), "<html><body><p>Welcome</p></body></html>");
        File.WriteAllText(folder.File("blog/post.html"), "<html><body><p>Nested page</p>");
        File.WriteAllBytes(folder.File("logo.html"), [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 1, 2, 3]);
        File.WriteAllText(folder.File("huge.html"), "<html><body>" + new string('x', 5000) + "</body></html>");
        File.WriteAllBytes(folder.File("latin.html"), Encoding.Latin1.GetBytes("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\u00e9 cr\u00e8me</p></body></html>"));

        var site = SiteLoader.Load(folder.Path, new SiteInputLimits(MaxPageBytes: 1000));

        site.Pages.Select(p => p.Path).Order().ShouldBe(["blog/post.html", "index.html", "latin.html"]);
        site.Pages.Single(p => p.Path == "latin.html").Html.ShouldContain("Café crème");
        site.Warnings.ShouldContain(w => w.StartsWith("logo.html: binary content", StringComparison.Ordinal));
        site.Warnings.ShouldContain(w => w.StartsWith("huge.html:", StringComparison.Ordinal) && w.Contains("per-page limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_warc_responses_and_warns_about_a_truncated_record()
    {
        using var folder = new TempFolder();
        var path = folder.File("site.warc");
        using (var stream = File.Create(path))
        {
            WriteRecord(stream, "https://acme.example/", "text/html; charset=utf-8", "<html><body><p>Home page</p></body></html>");
            WriteRecord(stream, "https://acme.example/favicon.ico", "image/x-icon", "ICONBYTES");
            WriteRecord(stream, "https://acme.example/about.html", "text/html", "<html><body><p>About page that is cut off", truncateBy: 10);
        }

        var site = SiteLoader.Load(path);

        site.Name.ShouldBe("acme.example");
        site.Pages.Select(p => p.Path).ShouldBe(["index.html"]);
        site.Icons.Keys.ShouldContain("favicon.ico");
        site.Warnings.ShouldContain(w => w.Contains("about.html", StringComparison.Ordinal) && w.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public void A_50_MB_page_gets_a_size_cap_warning_and_the_rest_of_the_site_is_analysed()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("index.html"), "<html><body><p>Harbor Point Consulting builds software for ports.</p></body></html>");
        using (var huge = new StreamWriter(folder.File("huge.html")))
        {
            huge.Write("<html><body>");
            var paragraph = "<p>" + new string('y', 1000) + "</p>";
            for (var i = 0; i < 50 * 1024; i++)
            {
                huge.Write(paragraph);
            }
            huge.Write("</body></html>");
        }

        var site = SiteLoader.Load(folder.Path);
        var indexed = SiteFeatures.Extract(site, SiteRole.Suspect);

        new FileInfo(folder.File("huge.html")).Length.ShouldBeGreaterThan(50L * 1000 * 1000);
        site.Warnings.ShouldContain(w => w.StartsWith("huge.html:", StringComparison.Ordinal) && w.Contains("per-page limit", StringComparison.Ordinal));
        indexed.Pages.ShouldHaveSingleItem().Path.ShouldBe("index.html");
        indexed.Warnings.ShouldContain(w => w.StartsWith("huge.html:", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_a_gzip_warc_with_one_gzip_member_per_record()
    {
        using var folder = new TempFolder();
        var path = folder.File("site.warc.gz");
        using (var file = File.Create(path))
        {
            foreach (var (uri, body) in new[] { ("https://acme.example/", "<html><body><p>Home</p></body></html>"), ("https://acme.example/about.html", "<html><body><p>About</p></body></html>") })
            {
                using var member = new MemoryStream();
                WriteRecord(member, uri, "text/html", body);
                using var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
                gzip.Write(member.ToArray());
            }
        }

        var site = SiteLoader.Load(path);

        site.Pages.Select(p => p.Path).ShouldBe(["index.html", "about.html"]);
        site.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void A_corrupt_gzip_warc_is_a_warning_not_a_crash()
    {
        using var folder = new TempFolder();
        var path = folder.File("broken.warc.gz");
        using (var file = File.Create(path))
        {
            using var member = new MemoryStream();
            WriteRecord(member, "https://acme.example/", "text/html", "<html><body><p>Home</p></body></html>");
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(member.ToArray());
            }
            // A second gzip member whose deflate data uses the reserved block type 11: corrupt, not merely cut off.
            file.Write([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0x07, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        }

        var site = SiteLoader.Load(path);

        site.Pages.Select(p => p.Path).ShouldBe(["index.html"]);
        site.Warnings.ShouldNotBeEmpty();
    }

    [Fact]
    public void A_gzip_http_body_that_inflates_past_the_record_limit_refuses_the_file_without_inflating_it_all()
    {
        using var folder = new TempFolder();
        var path = folder.File("bomb.warc");
        using (var stream = File.Create(path))
        {
            WriteRecord(stream, "https://acme.example/", "text/html", "<html><body><p>Home</p></body></html>");
            WriteRecord(stream, "https://acme.example/bomb.html", "text/html", Gzip(200 * 1024 * 1024), "Content-Encoding: gzip\r\n");
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var error = Should.Throw<InputException>(() => SiteLoader.Load(path, new SiteInputLimits(MaxRecordBytes: 4 * 1024 * 1024)));

        (GC.GetAllocatedBytesForCurrentThread() - allocated).ShouldBeLessThan(64L * 1024 * 1024);
        error.File.ShouldBe(path);
        error.Reason.ShouldContain("record 2 (https://acme.example/bomb.html)");
        error.Reason.ShouldContain("decompression bomb");
    }

    [Fact]
    public void A_gzip_warc_that_inflates_past_the_file_limit_is_refused_while_inflating()
    {
        using var folder = new TempFolder();
        var path = folder.File("bomb.warc.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            WriteRecord(gzip, "https://acme.example/", "text/html", "<html><body><p>Home</p></body></html>");
            // A 'resource' record is skipped, not kept, but its bytes are still inflated to be skipped.
            const int size = 100 * 1024 * 1024;
            gzip.Write(Encoding.ASCII.GetBytes($"WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: {size}\r\n\r\n"));
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < size / zeros.Length; i++)
            {
                gzip.Write(zeros);
            }
        }
        new FileInfo(path).Length.ShouldBeLessThan(1024 * 1024);

        var error = Should.Throw<InputException>(() => SiteLoader.Load(path, new SiteInputLimits(MaxInflatedBytes: 10 * 1024 * 1024)));

        error.Reason.ShouldContain("more than 10,485,760 bytes");
    }

    [Fact]
    public void Charset_and_depth_traps_become_warnings_naming_the_page()
    {
        using var folder = new TempFolder();
        folder.Write("index.html", "<html><body><p>Harbor Point Consulting</p></body></html>");
        folder.Write("utf7.html", "<html><head><meta charset=\"utf-7\"></head><body><p>Hello +AGEAYgBj-</p></body></html>");
        folder.Write("deep.html", "<html><body>" + new StringBuilder().Insert(0, "<div>", 100_000) + "</body></html>");

        var site = SiteLoader.Load(folder.Path);

        site.Pages.Select(p => p.Path).Order().ShouldBe(["index.html", "utf7.html"]);
        site.Warnings.ShouldContain(w => w.StartsWith("utf7.html: declared charset 'utf-7'", StringComparison.Ordinal));
        site.Warnings.ShouldContain(w => w.StartsWith("deep.html: elements nested deeper than 512", StringComparison.Ordinal));
    }

    [Fact]
    public void Mutated_warc_files_are_read_or_refused_never_crash()
    {
        using var folder = new TempFolder();
        using var valid = new MemoryStream();
        WriteRecord(valid, "https://acme.example/", "text/html; charset=utf-8", "<html><body><p>Home</p></body></html>");
        WriteRecord(valid, "https://acme.example/a.html", "text/html", Gzip(2_000), "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n");
        WriteRecord(valid, "https://acme.example/favicon.ico", "image/x-icon", "ICONBYTES");
        var seed = valid.ToArray();
        var random = new Random(13);
        var limits = new SiteInputLimits(MaxRecordBytes: 1024 * 1024, MaxInflatedBytes: 4 * 1024 * 1024);
        for (var trial = 0; trial < 300; trial++)
        {
            var bytes = (byte[])seed.Clone();
            for (var flips = random.Next(1, 8); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            var path = folder.File($"m{trial}.warc");
            File.WriteAllBytes(path, trial % 3 == 0 ? bytes[..random.Next(bytes.Length)] : bytes);
            try
            {
                SiteLoader.Load(path, limits);
            }
            catch (InputException)
            {
            }
        }
    }

    private static byte[] Gzip(int zeroBytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            var zeros = new byte[Math.Min(zeroBytes, 1024 * 1024)];
            for (var written = 0; written < zeroBytes; written += zeros.Length)
            {
                gzip.Write(zeros, 0, Math.Min(zeros.Length, zeroBytes - written));
            }
        }
        return output.ToArray();
    }

    private static void WriteRecord(Stream stream, string uri, string contentType, string body, int truncateBy = 0) =>
        WriteRecord(stream, uri, contentType, Encoding.UTF8.GetBytes(body), "", truncateBy);

    private static void WriteRecord(Stream stream, string uri, string contentType, byte[] body, string extraHeaders, int truncateBy = 0)
    {
        var http = Encoding.UTF8.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\n{extraHeaders}\r\n").Concat(body).ToArray();
        var header = Encoding.UTF8.GetBytes($"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: {http.Length}\r\n\r\n");
        stream.Write(header);
        stream.Write(http, 0, http.Length - truncateBy);
        if (truncateBy == 0)
        {
            stream.Write("\r\n\r\n"u8);
        }
    }
}
