namespace Unmask.Vetting.Reference;

/// <summary>Where a reference value comes from: the dataset (or built-in source key), the list entity id and its caption.</summary>
public sealed record ListSource(string Dataset, string? EntityId, string? Caption)
{
    public string Describe() =>
        EntityId is null ? Dataset : Caption is null || Caption == EntityId ? $"{Dataset}, entry {EntityId}" : $"{Dataset}, entry {EntityId} '{Caption}'";
}

/// <summary>A known DPRK front company or designated entity name, with its source.</summary>
public sealed record FrontCompany(string Name, ListSource Source);
