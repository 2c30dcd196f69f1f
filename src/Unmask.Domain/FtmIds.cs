using System.Text;

namespace Unmask.Domain;

/// <summary>
/// FollowTheMoney's entity id rule (followthemoney/types/entity.py: <c>^[0-9a-zA-Z]([0-9a-zA-Z\.\-]*[0-9a-zA-Z])?$</c>,
/// at most 200 characters) and a reversible way to write any other id under it. Unmask's own ids break the rule
/// (<c>us_ofac_sdn-24977</c> has underscores, graph ids have colons), and FtM consumers drop entities and references
/// whose ids break it. An id is kept when it is valid and does not start with <c>unmask-</c>; otherwise it becomes
/// <c>unmask-&lt;kind&gt;-&lt;escaped&gt;</c>, where <see cref="Escape"/> keeps letters, digits, inner hyphens and dots,
/// and writes every other UTF-8 byte as <c>..</c> plus two hex digits (a dot that would touch an escape is escaped too),
/// so <see cref="Unescape"/> gives back the exact original.
/// </summary>
public static class FtmIds
{
    public const int MaxLength = 200;
    public const string Prefix = "unmask-";
    private const string EntityKind = "entity";

    /// <summary>True when FtM accepts <paramref name="id"/> as an entity id.</summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || !char.IsAsciiLetterOrDigit(id[0]) || !char.IsAsciiLetterOrDigit(id[^1]))
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The FtM id of a list entity: its own id when valid, else <c>unmask-entity-&lt;escaped&gt;</c>.</summary>
    public static string OfEntity(string entityId) =>
        IsValid(entityId) && !entityId.StartsWith(Prefix, StringComparison.Ordinal) ? entityId : Of(EntityKind, entityId);

    /// <summary><c>unmask-&lt;kind&gt;-&lt;escaped value&gt;</c>; <paramref name="kind"/> is lower-case letters.</summary>
    public static string Of(string kind, string value) => $"{Prefix}{kind}-{Escape(value)}";

    /// <summary>Splits an id written by <see cref="Of"/> into its kind and original value; false for any other id.</summary>
    public static bool TryParse(string ftmId, out string kind, out string value)
    {
        kind = value = "";
        if (!ftmId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var dash = ftmId.IndexOf('-', Prefix.Length);
        if (dash <= Prefix.Length || dash == ftmId.Length - 1 || !ftmId.AsSpan(Prefix.Length, dash - Prefix.Length).ContainsOnlyLowerLetters())
        {
            return false;
        }
        kind = ftmId[Prefix.Length..dash];
        value = Unescape(ftmId[(dash + 1)..]);
        return true;
    }

    /// <summary>The Unmask entity id behind an FtM id: the inverse of <see cref="OfEntity"/>.</summary>
    public static string ToEntityId(string ftmId) =>
        TryParse(ftmId, out var kind, out var value) && kind == EntityKind ? value : ftmId;

    /// <summary>Escapes a value so that, after a valid prefix ending in a hyphen, it keeps the id valid.</summary>
    public static string Escape(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var parts = new string[bytes.Length];
        var nextStartsWithDot = true; // the end of the id: a trailing dot or hyphen must be escaped
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            var b = bytes[i];
            var c = (char)b;
            var literal = b < 0x80 && (char.IsAsciiLetterOrDigit(c) || (c == '-' && i < bytes.Length - 1) || (c == '.' && !nextStartsWithDot));
            parts[i] = literal ? c.ToString() : ".." + b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
            nextStartsWithDot = parts[i][0] == '.';
        }
        return string.Concat(parts);
    }

    public static string Unescape(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '.' && i + 3 < text.Length && text[i + 1] == '.'
                && byte.TryParse(text.AsSpan(i + 2, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                bytes.Add(b);
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool ContainsOnlyLowerLetters(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }
        return true;
    }
}
