using System.Security.Cryptography;
using System.Text;

namespace Unmask.Domain;

/// <summary>Entity ids are <c>&lt;dataset&gt;-&lt;publisher's own id&gt;</c>, or a content hash where a format has no ids.</summary>
public static class EntityIds
{
    public static string Make(string dataset, string localId) => $"{dataset}-{Slug(localId)}";

    public static string FromContent(string dataset, params string[] parts)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return $"{dataset}-{Convert.ToHexStringLower(bytes)[..16]}";
    }

    private static string Slug(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Trim())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }
        return builder.ToString();
    }
}
