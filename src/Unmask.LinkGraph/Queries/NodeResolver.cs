using System.Globalization;
using System.Text;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Queries;

/// <summary>Resolves what a user typed to a node, in this order: exact node id; a record id (<c>A-17</c> as applicant,
/// contractor or vendor); an entity id; an identifier value normalised like the builder does (e-mail, phone in E.164,
/// wallet, IP, domain or site, address); a caption (case and accents ignored; holders and riskier nodes first).</summary>
internal sealed class NodeResolver(LinkGraph graph)
{
    private readonly Lazy<Dictionary<string, int[]>> _captions = new(() => IndexCaptions(graph));

    public NodeResolution Resolve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        if (value.Length == 0)
        {
            throw new UnknownNodeException(text);
        }
        if (graph.TryIndexOf(value, out var exact))
        {
            return Found(text, exact, "exact id");
        }
        foreach (var kind in new[] { NodeKind.Applicant, NodeKind.Contractor, NodeKind.Vendor })
        {
            if (graph.TryIndexOf($"{kind.Prefix()}:{value}", out var record))
            {
                return Found(text, record, "record id");
            }
        }
        if (graph.TryIndexOf(NodeIds.Entity(value), out var entity))
        {
            return Found(text, entity, "entity id");
        }
        foreach (var candidate in IdentifierForms(value))
        {
            if (candidate is not null && graph.TryIndexOf(candidate, out var identifier))
            {
                return Found(text, identifier, "identifier value normalised");
            }
        }
        if (_captions.Value.TryGetValue(Fold(value), out var named))
        {
            return new NodeResolution(text, graph.NodeAt(named[0]), "name", [.. named.Skip(1).Take(10).Select(n => graph.NodeData[n].Id)]);
        }
        throw new UnknownNodeException(text);
    }

    private static IEnumerable<string?> IdentifierForms(string value)
    {
        if (value.Contains('@', StringComparison.Ordinal))
        {
            yield return NodeIds.Email(value);
        }
        yield return NodeIds.Phone(value);
        yield return NodeIds.Wallet(value);
        yield return NodeIds.Ip(value);
        if (NodeIds.Domain(value) is { } domain)
        {
            yield return NodeIds.Site(value);
            yield return domain;
        }
        yield return NodeIds.Tracker(value);
        yield return NodeIds.IdNumber(value);
        yield return NodeIds.Address(value);
        yield return NodeIds.Building(value);
    }

    private NodeResolution Found(string text, int node, string how) => new(text, graph.NodeAt(node), how, []);

    private static Dictionary<string, int[]> IndexCaptions(LinkGraph graph)
    {
        var lists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < graph.NodeData.Length; i++)
        {
            var key = Fold(graph.NodeData[i].Caption);
            if (!lists.TryGetValue(key, out var list))
            {
                lists[key] = list = [];
            }
            list.Add(i);
        }
        return lists.ToDictionary(p => p.Key,
            p => p.Value.OrderBy(n => graph.IsHolder(n) ? 0 : 1).ThenByDescending(n => graph.NodeData[n].Risk)
                .ThenBy(n => graph.NodeData[n].Id, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsWhiteSpace(c) || c is ',' or '.')
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
