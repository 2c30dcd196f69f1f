using System.Text;
using Unmask.Domain;
using Unmask.Watchlists.Eu;
using Unmask.Watchlists.Ofac;
using Unmask.Watchlists.Uk;
using Unmask.Watchlists.Un;

namespace Unmask.Watchlists.Tests.Io;

/// <summary>
/// Every XML list reader on hostile XML: DTDs, external entities and entity expansion are refused (SafeXml), so are
/// elements nested too deep and values over the field limit, each as bad input naming the file. Each case is a small
/// document holding one record, with the name in the slot <c>{0}</c>.
/// </summary>
public sealed class BoundedXmlTests
{
    private const string ShortName = "EXAMPLE TRADING CO";

    public static TheoryData<string> Readers => [.. Documents.Keys];

    private static readonly Dictionary<string, (IListReader Reader, string Record, string Template)> Documents = new()
    {
        ["ofac-sdn"] = (new OfacSdnXmlReader(), "sdnEntry",
            "<sdnList><sdnEntry><uid>1</uid><lastName>{0}</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>"),
        ["ofac-enhanced"] = (new OfacAdvancedXmlReader(), "entity",
            "<sanctionsData><entities><entity id=\"1\"><generalInfo><entityType>Entity</entityType></generalInfo><names><name>"
            + "<isPrimary>true</isPrimary><translations><translation><isPrimary>true</isPrimary><formattedFullName>{0}</formattedFullName>"
            + "</translation></translations></name></names></entity></entities></sanctionsData>"),
        ["un"] = (new UnConsolidatedXmlReader(), "ENTITY",
            "<CONSOLIDATED_LIST dateGenerated=\"2030-01-01T00:00:00\"><ENTITIES><ENTITY><DATAID>1</DATAID><FIRST_NAME>{0}</FIRST_NAME>"
            + "</ENTITY></ENTITIES></CONSOLIDATED_LIST>"),
        ["eu"] = (new EuFsfXmlReader(), "sanctionEntity",
            "<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\" generationDate=\"2030-01-01\"><sanctionEntity logicalId=\"1\">"
            + "<subjectType code=\"enterprise\" classificationCode=\"E\"/><nameAlias wholeName=\"{0}\" strong=\"true\"/></sanctionEntity></export>"),
        ["uk-fcdo"] = (new UkSanctionsListXmlReader(), "Designation",
            "<Designations><Designation><UniqueID>DPR0001</UniqueID><IndividualEntityShip>Entity</IndividualEntityShip><Names><Name>"
            + "<Name6>{0}</Name6><NameType>Primary Name</NameType></Name></Names></Designation></Designations>"),
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task The_document_holds_one_readable_record(string format)
    {
        var (entities, _) = await Read(format, ShortName);

        entities.ShouldHaveSingleItem().Get("name").ShouldBe([ShortName]);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Entity_expansion_is_refused(string format)
    {
        var laughs = new StringBuilder("<!DOCTYPE root [<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            laughs.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        }
        laughs.Append("]>");

        var error = await Refused(format, "&lol9;", prolog: laughs.ToString());

        error.Reason.ShouldContain("DTD");
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task External_entities_are_refused(string format)
    {
        (await Refused(format, "&xxe;", prolog: "<!DOCTYPE root [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")).Reason.ShouldContain("DTD");
        (await Refused(format, "&xxe;")).Reason.ShouldContain("not well-formed XML");
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task A_value_over_the_field_limit_is_refused_while_it_is_read(string format)
    {
        var error = await Refused(format, new string('A', 1_000_000));

        error.Reason.ShouldContain("longer than 65,536 characters");
        error.File.ShouldBe("list.xml");
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task A_name_over_the_name_limit_is_refused(string format)
    {
        var error = await Refused(format, new string('A', 3_000));

        error.Reason.ShouldContain("over the limit of 2,000 for a name");
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Elements_nested_too_deep_are_refused_inside_and_outside_a_record(string format)
    {
        var deep = string.Concat(Enumerable.Repeat("<x>", 100_000)) + string.Concat(Enumerable.Repeat("</x>", 100_000));
        var (reader, record, template) = Documents[format];
        var recordStart = template.IndexOf('<' + record + (record == "entity" ? " " : ""), StringComparison.Ordinal);
        var inside = Insert(template, template.IndexOf('>', recordStart) + 1, deep);
        var outside = Insert(template, template.IndexOf('>', StringComparison.Ordinal) + 1, deep);

        (await HostileInput.RefusedTextAsync(reader, "list.xml", string.Format(inside, ShortName))).Reason.ShouldContain("nested more than 64 deep");
        (await HostileInput.RefusedTextAsync(reader, "list.xml", string.Format(outside, ShortName))).Reason.ShouldContain("nested more than 64 deep");
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task A_start_tag_over_the_markup_limit_is_refused_before_the_parser_holds_it(string format)
    {
        // An attribute value is held whole by the parser with its tag; the stream below it refuses the tag first.
        var error = await HostileInput.RefusedTextAsync(Documents[format].Reader, "list.xml",
            string.Format(Documents[format].Template, ShortName).Replace("<", "<x y=\"" + new string('v', 30_000) + "\"/><", StringComparison.Ordinal),
            new ReadLimits(MaxRecordChars: 20_000));

        error.Reason.ShouldBe("XML markup (a tag with its attributes) longer than 20,000 bytes: refused");
    }

    [Fact]
    public async Task A_record_with_more_text_than_the_record_limit_is_refused()
    {
        var (reader, _, template) = Documents["un"];
        var many = string.Concat(Enumerable.Repeat("<NOTE>" + new string('n', 1_000) + "</NOTE>", 50));

        var error = await HostileInput.RefusedTextAsync(reader, "list.xml", string.Format(template, ShortName + many),
            new ReadLimits(MaxRecordChars: 20_000));

        error.Reason.ShouldContain("more than 20,000 characters of text");
    }

    private static Task<(List<Entity> Entities, ReadContext Context)> Read(string format, string name)
    {
        var (reader, _, template) = Documents[format];
        return HostileInput.ReadTextAsync(reader, "list.xml", string.Format(template, name));
    }

    private static Task<InputException> Refused(string format, string content, string prolog = "")
    {
        var (reader, _, template) = Documents[format];
        return HostileInput.RefusedTextAsync(reader, "list.xml", prolog + string.Format(template, content));
    }

    private static string Insert(string text, int at, string inserted) => text[..at] + inserted + text[at..];
}
