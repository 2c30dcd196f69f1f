namespace Unmask.Vetting.Normalisation;

/// <summary>
/// "Different identity" (INDICATORS.md §3): two records are one identity when their names are equal after folding case and
/// accents and ignoring token order, spacing and hyphens ("Kim Min-jun" = "MIN JUN KIM" = "Kim Minjun").
/// The key is the sorted multiset of the folded letters: it is canonical (usable as a hash-map key) and insensitive to how a
/// name is split into tokens. Anagram collisions between two different real names are possible but rare; they can only hide
/// a shared-attribute finding, never create one.
/// </summary>
public static class NameKey
{
    public static string Of(string? name)
    {
        var letters = TextFold.Fold(name).Where(c => c != ' ').ToArray();
        Array.Sort(letters);
        return new string(letters);
    }

    public static bool SameIdentity(string? a, string? b)
    {
        var ka = Of(a);
        return ka.Length > 0 && ka == Of(b);
    }
}
