using System.Text.Json;

namespace Unmask.Watchlists.Io;

/// <summary>Errors of System.Text.Json that are bad input rather than faults.</summary>
public static class JsonErrors
{
    /// <summary>System.Text.Json reports a string it cannot decode (a lone surrogate escape such as <c>"\ud800"</c>) with an
    /// InvalidOperationException when the value is read, not when the document is parsed.</summary>
    public static bool IsUndecodableString(Exception error) =>
        error is InvalidOperationException && error.TargetSite?.DeclaringType?.Assembly == typeof(JsonDocument).Assembly;
}
