namespace Unmask.Vetting.Reference;

/// <summary>
/// Standard-time UTC offsets (hours) of a country, as the range from its westernmost to its easternmost zone (IANA tz
/// database, zone1970.tab). Used only by WORK_HOURS_KST to know the claimed location's clock; countries not listed make the
/// check "could not run" for that record rather than guess.
/// </summary>
public static class UtcOffsets
{
    private static readonly Dictionary<string, (double Min, double Max)> ByCountry = new(StringComparer.Ordinal)
    {
        ["us"] = (-10, -5), ["ca"] = (-8, -3.5), ["mx"] = (-8, -5), ["br"] = (-5, -2), ["ar"] = (-3, -3), ["cl"] = (-6, -3),
        ["co"] = (-5, -5), ["pe"] = (-5, -5), ["ve"] = (-4, -4), ["ec"] = (-6, -5), ["bo"] = (-4, -4), ["uy"] = (-3, -3),
        ["py"] = (-4, -3), ["cr"] = (-6, -6), ["gt"] = (-6, -6), ["pa"] = (-5, -5), ["do"] = (-4, -4), ["jm"] = (-5, -5),
        ["gb"] = (0, 0), ["ie"] = (0, 0), ["pt"] = (-1, 0), ["es"] = (0, 1), ["fr"] = (1, 1), ["de"] = (1, 1), ["nl"] = (1, 1),
        ["be"] = (1, 1), ["ch"] = (1, 1), ["at"] = (1, 1), ["it"] = (1, 1), ["se"] = (1, 1), ["no"] = (1, 1), ["dk"] = (1, 1),
        ["pl"] = (1, 1), ["cz"] = (1, 1), ["sk"] = (1, 1), ["hu"] = (1, 1), ["hr"] = (1, 1), ["rs"] = (1, 1), ["si"] = (1, 1),
        ["fi"] = (2, 2), ["ee"] = (2, 2), ["lv"] = (2, 2), ["lt"] = (2, 2), ["ua"] = (2, 2), ["ro"] = (2, 2), ["bg"] = (2, 2),
        ["gr"] = (2, 2), ["md"] = (2, 2), ["by"] = (3, 3), ["ru"] = (2, 12), ["tr"] = (3, 3), ["il"] = (2, 2), ["eg"] = (2, 2),
        ["sa"] = (3, 3), ["ae"] = (4, 4), ["qa"] = (3, 3), ["jo"] = (3, 3), ["lb"] = (2, 2), ["ir"] = (3.5, 3.5), ["pk"] = (5, 5),
        ["in"] = (5.5, 5.5), ["lk"] = (5.5, 5.5), ["np"] = (5.75, 5.75), ["bd"] = (6, 6), ["mm"] = (6.5, 6.5), ["th"] = (7, 7),
        ["vn"] = (7, 7), ["kh"] = (7, 7), ["la"] = (7, 7), ["id"] = (7, 9), ["my"] = (8, 8), ["sg"] = (8, 8), ["ph"] = (8, 8),
        ["cn"] = (8, 8), ["hk"] = (8, 8), ["mo"] = (8, 8), ["tw"] = (8, 8), ["mn"] = (7, 8), ["kr"] = (9, 9), ["kp"] = (9, 9),
        ["jp"] = (9, 9), ["au"] = (8, 10), ["nz"] = (12, 12), ["kz"] = (5, 5), ["uz"] = (5, 5), ["ng"] = (1, 1), ["gh"] = (0, 0),
        ["ke"] = (3, 3), ["et"] = (3, 3), ["za"] = (2, 2), ["ma"] = (1, 1), ["tn"] = (1, 1), ["dz"] = (1, 1), ["sn"] = (0, 0),
        ["ci"] = (0, 0), ["cm"] = (1, 1), ["ug"] = (3, 3), ["tz"] = (3, 3), ["rw"] = (2, 2),
    };

    public static bool TryGet(string? country, out (double Min, double Max) range)
    {
        range = default;
        return country is not null && ByCountry.TryGetValue(country, out range);
    }
}
