using System.Security.Cryptography;
using System.Text;
using Unmask.Vetting.Model;

namespace Unmask.Vetting.Normalisation;

/// <summary>Bank account numbers are personal data (INDICATORS.md §2 rule 7): hashed with SHA-256 at the edge, last 4 kept
/// for evidence. An input that is already a hash (<c>sha256:</c> + 64 hex) is taken as it is.</summary>
public static class BankAccounts
{
    public static BankAccount? Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var trimmed = raw.Trim();
        if (trimmed.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) && trimmed.Length == 71)
        {
            var hex = trimmed[7..].ToLowerInvariant();
            return new BankAccount(hex, hex[^4..]);
        }
        // IBAN / account numbers: spaces, dashes and case do not matter.
        var compact = new string(trimmed.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        if (compact.Length < 4)
        {
            return null;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(compact)));
        return new BankAccount(hash, compact[^4..]);
    }
}
