using System.Globalization;
using Unmask.Domain;

namespace Unmask.Watchlists.Ofac;

/// <summary>
/// OFAC's typed details ("Passport", "Tax ID No.", "Digital Currency Address - XBT", "Vessel Flag", ...) mapped to FtM
/// properties. The same type names appear as <c>idType</c> in the classic XML, as feature and document types in the
/// Sanctions List Service XML, and as the leading key of each Remarks item in the legacy CSV, so all three readers share
/// this table. Type names are from the Enhanced XML's <c>featureTypes</c> and <c>ID DOCUMENT TYPE</c> reference values.
/// </summary>
internal static class OfacFields
{
    private static readonly string[] TaxTypes =
    [
        "Tax ID No.", "NIT #", "RUC #", "RIF #", "R.F.C.", "R.F.C. #", "RFC", "V.A.T. Number", "US FEIN", "Italian Fiscal Code",
        "Fiscal Code", "C.U.I.T.", "C.I.F.", "N.I.F.", "Paraguayan tax identification number", "Romanian Tax Registration", "RTN",
        "Numero Unico de Identificacao Tributaria (NUIT)", "RSIN",
    ];

    private static readonly string[] RegistrationTypes =
    [
        "Registration Number", "Registration ID", "Business Registration Document #", "Business Registration Number",
        "Business Number", "Company Number", "UK Company Number", "Commercial Registry Number", "Romanian C.R.", "C.R. No.",
        "Certificate of Incorporation Number", "Chamber of Commerce Number", "Istanbul Chamber of Comm. No.",
        "Dubai Chamber of Commerce Membership No.", "Trade License No.", "Government Gazette Number", "Folio Mercantil No.",
        "Matricula Mercantil No", "Public Registration Number", "Central Registration System Number",
        "Economic Register Number (CBLS)", "Enterprise Number", "Branch Unit Number", "Registered Charity No.",
        "Unified Social Credit Code (USCC)", "United Social Credit Code Certificate (USCCC)", "Organization Code",
        "Registration Certificate Number (Dubai)", "MSB Registration Number", "LE Number",
        "Russian State Individual Business Registration Number Pattern (OGRNIP)", "File Number",
    ];

    private static readonly string[] PassportTypes =
    [
        "Passport", "Diplomatic Passport", "British National Overseas Passport", "Stateless Person Passport", "Passport Booklet:",
    ];

    private static readonly string[] OtherIdTypes =
    [
        "Cedula No.", "SSN", "D.N.I.", "Driver's License No.", "N.I.E.", "National ID No.", "Bosnian Personal ID No.",
        "Credencial electoral", "Kenyan ID No.", "Serial No.", "C.I.N.", "Moroccan Personal ID No.",
        "Public Security and Immigration No.", "C.U.R.P.", "C.U.R.P. #", "Immigration No.", "Travel Document Number",
        "Electoral Registry No.", "Identification Number", "National Foreign ID Number", "Tourism License No.",
        "Aircraft Serial Identification", "Cartilla de Servicio Militar Nacional", "C.U.I.P.", "Vessel Registration Identification",
        "Personal ID Card", "VisaNumberID", "Residency Number", "CNP (Personal Numerical Code)", "Romanian Permanent Resident",
        "Pilot License Number", "Turkish Identification Number", "Stateless Person ID Card", "Refugee ID Card",
        "Afghan Money Service Provider License Number", "Numero de Identidad", "SRE Permit No.", "Tazkira National ID Card",
        "License", "I.F.E.", "Citizen's Card Number", "UAE Identification", "Birth Certificate Number", "C.U.I.",
        "Seafarer's Identification Document", "Trademark number", "Permit Number", "Military Registration Number", "BIK (RU)",
    ];

    /// <summary>Keys that open a Remarks item in the CSV besides the typed details above (legacy-only spellings).</summary>
    private static readonly string[] RemarkOnlyKeys =
    [
        "DOB", "POB", "nationality", "citizen", "Gender", "Email Address", "Email", "Website", "Phone Number", "Phone No.", "PHONE",
        "Telephone No.", "Telephone:", "Telephone", "Alt. Telephone:", "Fax No.", "Fax:", "Fax", "Alt. Fax:", "Title",
        "Organization Established Date", "Organization Type:", "Target Type", "Legal Entity Number", "D-U-N-S Number", "SWIFT/BIC",
        "MMSI", "ISIN", "Equity Ticker", "Issuer Name", "Vessel Year of Build", "Vessel Call Sign", "Other Vessel Call Sign",
        "Vessel Flag", "Former Vessel Flag", "Other Vessel Flag", "Vessel Type", "Other Vessel Type", "Vessel Owner",
        "Vessel Tonnage", "Vessel Gross Registered Tonnage", "Nationality of Registration", "Registration Country",
        "Aircraft Manufacture Date", "Aircraft Model", "Aircraft Manufacturer's Serial Number (MSN)", "Aircraft Tail Number",
        "Previous Aircraft Tail Number", "Aircraft Operator", "Aircraft Construction Number (also called L/N or S/N or F/N)",
        "Aircraft Mode S Transponder Code", "Chinese Commercial Code",
    ];

    private static readonly HashSet<string> Tax = new(TaxTypes, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Registration = new(RegistrationTypes, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Passport = new(PassportTypes, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> OtherId = new(OtherIdTypes, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every key a CSV Remarks item can start with, longest first so "Passport Booklet:" wins over "Passport".</summary>
    internal static readonly string[] RemarkKeys =
        [.. TaxTypes.Concat(RegistrationTypes).Concat(PassportTypes).Concat(OtherIdTypes).Concat(RemarkOnlyKeys)
            .Distinct(StringComparer.Ordinal).OrderByDescending(k => k.Length)];

    /// <summary>Separators after which an identifier value stops being the number: "109420132 (Korea, North) issued 16 Oct 2019".</summary>
    private static readonly string[] NumberEnds = [" (", " issued", " expires", " expired", ", issued", ", expire", ", Issue"];

    /// <summary>
    /// Adds one typed detail to <paramref name="entity"/>. <paramref name="type"/> is OFAC's type name, <paramref name="value"/>
    /// the value text, <paramref name="country"/> an issuing country if the format gives it separately. Returns false when the
    /// type is unknown (the caller keeps the text in notes).
    /// </summary>
    public static bool Add(Entity entity, string type, string value, string? country = null)
    {
        var key = NormaliseType(type);
        value = value.Trim();
        if (value.Length == 0)
        {
            return true;
        }
        if (key.StartsWith("Digital Currency Address", StringComparison.OrdinalIgnoreCase))
        {
            var address = FirstToken(value);
            AddOrNote(entity, "cryptoWallet", address, $"{key} {value}");
            return true;
        }
        switch (key.ToUpperInvariant())
        {
            case "DOB":
            case "BIRTHDATE":
                return false; // dates need the caller's error context; see OfacDates
            case "POB":
            case "PLACE OF BIRTH":
                AddOrNote(entity, "birthPlace", value, $"Place of birth: {value}");
                return true;
            case "NATIONALITY":
            case "NATIONALITY COUNTRY":
                AddCountry(entity, entity.Schema.IsA("Person") ? "nationality" : "country", value, "Nationality");
                return true;
            case "CITIZEN":
            case "CITIZENSHIP COUNTRY":
                AddCountry(entity, entity.Schema.IsA("Person") ? "citizenship" : "country", value, "Citizenship");
                return true;
            case "GENDER":
                AddOrNote(entity, "gender", value.ToLowerInvariant(), $"Gender {value}");
                return true;
            case "EMAIL ADDRESS":
            case "EMAIL":
                AddOrNote(entity, "email", FirstToken(value), $"Email {value}");
                return true;
            case "WEBSITE":
                AddOrNote(entity, "website", FirstToken(value), $"Website {value}");
                return true;
            case "PHONE NUMBER":
            case "PHONE NO.":
            case "PHONE":
            case "TELEPHONE":
            case "TELEPHONE NO.":
            case "TELEPHONE:":
            case "ALT. TELEPHONE:":
                AddOrNote(entity, "phone", value, $"Phone {value}");
                return true;
            case "TITLE":
                AddOrNote(entity, "title", value, $"Title: {value}");
                return true;
            case "ORGANIZATION TYPE:":
                AddOrNote(entity, "sector", value, $"Organization type: {value}");
                return true;
            case "TARGET TYPE":
                AddOrNote(entity, "classification", value, $"Target type: {value}");
                return true;
            case "LEGAL ENTITY NUMBER":
                AddOrNote(entity, "leiCode", Number(value), $"{key} {value}");
                return true;
            case "D-U-N-S NUMBER":
                AddOrNote(entity, "dunsCode", Number(value), $"{key} {value}");
                return true;
            case "SWIFT/BIC":
                AddOrNote(entity, "swiftBic", Number(value), $"{key} {value}");
                return true;
            case "MMSI":
                AddOrNote(entity, "mmsi", Number(value), $"MMSI {value}");
                return true;
            case "VESSEL CALL SIGN":
            case "OTHER VESSEL CALL SIGN":
                AddOrNote(entity, "callSign", value, $"{key} {value}");
                return true;
            case "VESSEL FLAG":
            case "NATIONALITY OF REGISTRATION":
            case "REGISTRATION COUNTRY":
                AddCountry(entity, entity.Schema.IsA("Vessel") ? "flag" : "country", value, key);
                return true;
            case "FORMER VESSEL FLAG":
            case "OTHER VESSEL FLAG":
                AddCountry(entity, "pastFlags", value, key);
                return true;
            case "VESSEL TYPE":
            case "OTHER VESSEL TYPE":
                AddOrNote(entity, "type", value, $"{key} {value}");
                return true;
            case "VESSEL TONNAGE":
                AddOrNote(entity, "tonnage", Tonnage(value), $"{key} {value}");
                return true;
            case "VESSEL GROSS REGISTERED TONNAGE":
                AddOrNote(entity, "grossRegisteredTonnage", Tonnage(value), $"{key} {value}");
                return true;
            case "AIRCRAFT MODEL":
                AddOrNote(entity, "model", value, $"{key} {value}");
                return true;
            case "AIRCRAFT MANUFACTURER'S SERIAL NUMBER (MSN)":
                AddOrNote(entity, "serialNumber", Number(value), $"{key} {value}");
                return true;
            case "AIRCRAFT TAIL NUMBER":
                AddOrNote(entity, "registrationNumber", Number(value), $"{key} {value}");
                return true;
            case "ORGANIZATION ESTABLISHED DATE":
                AddDate(entity, "incorporationDate", value, key);
                return true;
            case "AIRCRAFT MANUFACTURE DATE":
            case "VESSEL YEAR OF BUILD":
                AddDate(entity, "buildDate", value, key);
                return true;
        }
        if (Passport.Contains(key) || Tax.Contains(key) || Registration.Contains(key) || OtherId.Contains(key))
        {
            AddIdentifier(entity, key, value, country);
            return true;
        }
        return false;
    }

    /// <summary>An identity document or registration number: the number to its property, the full text to notes when it
    /// carries more (issuing country, dates).</summary>
    private static void AddIdentifier(Entity entity, string key, string value, string? country)
    {
        var number = Number(value);
        // OFAC writes IMO numbers as "Vessel Registration Identification IMO 7406784" (also under Identification/Company Number).
        if (number.StartsWith("IMO", StringComparison.OrdinalIgnoreCase) && number[3..].Trim().All(char.IsAsciiDigit) && number.Length > 4)
        {
            AddOrNote(entity, "imoNumber", "IMO" + number[3..].Trim(), $"{key} {value}");
            return;
        }
        var property = Passport.Contains(key) ? "passportNumber"
            : Tax.Contains(key) ? "taxNumber"
            : Registration.Contains(key) ? "registrationNumber"
            : "idNumber";
        if (!Has(entity, property))
        {
            property = Has(entity, "idNumber") ? "idNumber" : Has(entity, "registrationNumber") ? "registrationNumber" : "notes";
        }
        var full = $"{key} {value}" + (string.IsNullOrWhiteSpace(country) ? "" : $" ({country.Trim()})");
        if (property == "notes")
        {
            entity.Add("notes", full);
            return;
        }
        entity.Add(property, number);
        if (number != value.Trim().TrimEnd('.') || !string.IsNullOrWhiteSpace(country))
        {
            entity.Add("notes", full);
        }
    }

    /// <summary>A country name to its FtM code on <paramref name="property"/>; unknown names go to notes, not to the country field.</summary>
    public static void AddCountry(Entity entity, string property, string name, string label)
    {
        var clean = name.Trim().TrimEnd('.');
        if (Countries.TryGetCode(clean, out var code) && Has(entity, property))
        {
            entity.Add(property, code);
        }
        else if (clean.Length > 0)
        {
            entity.Add("notes", $"{label} {clean}");
        }
    }

    /// <summary>Adds a value when the schema has the property, else keeps the text in notes.</summary>
    public static void AddOrNote(Entity entity, string property, string value, string note)
    {
        if (Has(entity, property))
        {
            entity.Add(property, value);
        }
        else
        {
            entity.Add("notes", note);
        }
    }

    private static void AddDate(Entity entity, string property, string value, string key)
    {
        var dates = OfacDates.Parse(value);
        if (dates.Count == 0 || !Has(entity, property))
        {
            entity.Add("notes", $"{key} {value}");
            return;
        }
        foreach (var date in dates)
        {
            entity.Add(property, date);
        }
    }

    public static bool Has(Entity entity, string property) => entity.Schema.FindProperty(property) is not null;

    /// <summary>Type names with curly apostrophes and doubled spaces made plain (the Enhanced XML writes "Manufacturer’s").</summary>
    public static string NormaliseType(string type) => type.Replace('\u2019', '\'').Replace("  ", " ", StringComparison.Ordinal).Trim();

    /// <summary>The identifier part of a value: up to the first " (country)" or " issued …" / " expires …".</summary>
    public static string Number(string value)
    {
        var end = value.Length;
        foreach (var marker in NumberEnds)
        {
            var at = value.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at > 0 && at < end)
            {
                end = at;
            }
        }
        return value[..end].Trim().TrimEnd('.', ',', ';').Trim();
    }

    private static string FirstToken(string value)
    {
        var trimmed = value.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return (space < 0 ? trimmed : trimmed[..space]).TrimEnd('.', ',', ';');
    }

    private static string Tonnage(string value)
    {
        var digits = value.Replace(",", "", StringComparison.Ordinal).Trim();
        return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? digits : value;
    }
}
