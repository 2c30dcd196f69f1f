namespace Unmask.Domain.Identifiers;

/// <summary>A digital-currency address with the chain family it belongs to. EVM addresses (0x + 40 hex) are compared
/// lower-case (EIP-55 casing is only a checksum); Base58 and bech32 addresses keep their case as the chain requires.</summary>
public sealed record CryptoWalletAddress(string Chain, string Address)
{
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public string Key => $"{Chain}:{Address}";

    /// <summary>Parses an address; <paramref name="currencyHint"/> is the list's asset code (XBT, ETH, USDT, TRX...) when known.</summary>
    public static bool TryParse(string? text, out CryptoWalletAddress wallet, string? currencyHint = null)
    {
        wallet = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var value = text.Trim().TrimEnd('.', ',', ';');
        if (value.Length is < 25 or > 120 || value.Any(char.IsWhiteSpace))
        {
            return false;
        }
        var hint = currencyHint?.Trim().ToUpperInvariant();
        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && value.Length == 42 && value[2..].All(char.IsAsciiHexDigit))
        {
            wallet = new CryptoWalletAddress("evm", value.ToLowerInvariant());
            return true;
        }
        var lower = value.ToLowerInvariant();
        if ((lower.StartsWith("bc1", StringComparison.Ordinal) || lower.StartsWith("ltc1", StringComparison.Ordinal)
             || lower.StartsWith("bitcoincash:", StringComparison.Ordinal)) && lower.All(c => char.IsAsciiLetterOrDigit(c) || c == ':'))
        {
            var chain = lower.StartsWith("ltc1", StringComparison.Ordinal) ? "ltc" : lower.StartsWith("bitcoincash", StringComparison.Ordinal) ? "bch" : "btc";
            wallet = new CryptoWalletAddress(chain, lower);
            return true;
        }
        if (value.All(c => Base58Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            wallet = new CryptoWalletAddress(ChainOfBase58(value, hint), value);
            return true;
        }
        if (hint is not null && value.All(char.IsAsciiLetterOrDigit))
        {
            // Other chains (XMR, XRP, ZEC...) with their own alphabets: trust the list's asset code.
            wallet = new CryptoWalletAddress(hint.ToLowerInvariant(), value);
            return true;
        }
        return false;
    }

    private static string ChainOfBase58(string value, string? hint)
    {
        if (hint is "XBT" or "BTC")
        {
            return "btc";
        }
        if (hint is not null && hint is not ("USDT" or "USDC"))
        {
            return hint.ToLowerInvariant();
        }
        return value[0] switch
        {
            '1' or '3' when value.Length <= 35 => "btc",
            'T' when value.Length == 34 => "trx",
            'L' or 'M' when value.Length <= 35 => "ltc",
            _ when value.Length is >= 32 and <= 44 => "sol",
            _ => "unknown",
        };
    }

    public override string ToString() => Key;
}
