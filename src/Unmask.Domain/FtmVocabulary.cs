namespace Unmask.Domain;

/// <summary>
/// The names of every FollowTheMoney schema and property (alephdata/followthemoney, <c>followthemoney/schema/*.yaml</c>:
/// <c>abstract</c>, <c>extends</c> and the keys of <c>properties</c>; no types, labels or ranges). The FtM reader needs it to
/// tell a valid FtM schema or property that Unmask does not model (skipped and counted, as FtM itself ignores what a tool
/// does not use) from one FtM does not have at all (bad input, reported per line); the FtM exporter to write only what
/// the real schema holds.
/// </summary>
/// <remarks>Taken from the schema files by a script, sorted by name; refresh it the same way when FtM adds properties.</remarks>
public static class FtmVocabulary
{
    private static readonly Dictionary<string, FtmSchemaNames> Schemas = new(StringComparer.Ordinal)
    {
        ["Address"] = new(false, ["Thing"],
            "full remarks postOfficeBox street street2 city postalCode region state latitude longitude country osmId " +
            "googlePlaceId"),
        ["Airplane"] = new(false, ["Vehicle"], "serialNumber icaoCode manufacturer"),
        ["Analyzable"] = new(true, [],
            "detectedLanguage detectedCountry namesMentioned peopleMentioned companiesMentioned ibanMentioned ipMentioned " +
            "locationMentioned phoneMentioned emailMentioned"),
        ["Article"] = new(false, ["Document"], ""),
        ["Assessment"] = new(false, ["Thing"], "publishDate assessmentId author"),
        ["Asset"] = new(false, ["Thing", "Value"], ""),
        ["Associate"] = new(false, ["Interval"], "person associate relationship"),
        ["Audio"] = new(false, ["Document"], "duration samplingRate"),
        ["BankAccount"] = new(false, ["Asset"],
            "bankName accountNumber iban bic bank accountType openingDate closingDate balance balanceDate maxBalance " +
            "maxBalanceDate bankAddress"),
        ["Call"] = new(false, ["Interval"], "caller callerNumber receiver receiverNumber duration"),
        ["CallForTenders"] = new(false, ["Thing", "Interval"],
            "callId title authority authorityReferenceId onBehalfOf publicationDate evaluationMechanism procurementType " +
            "directive procedure involvesOutcome cpvCode reverseAuctionsIncluded nutsCode relationToThreshold " +
            "paymentOptions submissionDeadline clarificationDeadline awardedInLots numberOfLots lotsNames tendersForLots " +
            "maximumNumberOfLots euFunding multipleTenders tedUrl fallsUnderGPPScope certificationCheck awardingDate " +
            "contractNoticeDate awardNoticeDate tenderers"),
        ["Company"] = new(false, ["Organization", "Asset"],
            "jurisdiction registrationNumber capital voenCode coatoCode irsCode ipoCode cikCode jibCode mbsCode ibcRuc " +
            "caemCode kppCode okvedCode okopfCode fnsCode fssCode bikCode pfrNumber oksmCode isinCode ticker ricCode"),
        ["Contract"] = new(false, ["Asset"],
            "title authority project type contractDate procedureNumber procedure noticeId numberAwards status method " +
            "criteria classification cancelled language"),
        ["ContractAward"] = new(false, ["Value", "Interest"],
            "supplier contract callForTenders lotNumber documentNumber documentType decisionReason cpvCode nutsCode amended"),
        ["CourtCase"] = new(false, ["Thing"], "category type status caseNumber court fileDate closeDate"),
        ["CourtCaseParty"] = new(false, ["Interest"], "party case"),
        ["CryptoWallet"] = new(false, ["Thing", "Value"],
            "publicKey privateKey creationDate currencySymbol mangingExchange holder balance balanceDate"),
        ["Debt"] = new(false, ["Interval", "Value"], "debtor creditor"),
        ["Directorship"] = new(false, ["Interest"], "director organization secretary"),
        ["Document"] = new(false, ["Thing", "Analyzable"],
            "contentHash title author generator crawler fileSize fileName extension encoding bodyText messageId mimeType " +
            "language translatedLanguage translatedText date authoredAt publishedAt parent ancestors processingStatus " +
            "processingError processingAgent processedAt"),
        ["Documentation"] = new(false, ["Interest"], "document entity"),
        ["EconomicActivity"] = new(false, ["Interval"],
            "contract ccdNumber ccdValue directionOfTransportation customsProcedure vedCode vedCodeDescription " +
            "goodsDescription declarant sender receiver contractHolder invoiceAmount customsAmount dollarExchRate " +
            "tradingCountry departureCountry destinationCountry originCountry bankAccount bankRub bankForeign transport"),
        ["Email"] = new(false, ["Folder", "PlainText", "HyperText"],
            "subject threadTopic sender from to cc bcc emitters recipients inReplyTo inReplyToEmail headers"),
        ["Employment"] = new(false, ["Interest"], "employer employee"),
        ["Event"] = new(false, ["Interval", "Analyzable", "Thing"], "location country important organizer involved"),
        ["Family"] = new(false, ["Interval"], "person relative relationship"),
        ["Folder"] = new(false, ["Document"], ""),
        ["HyperText"] = new(false, ["Document"], "bodyHtml"),
        ["Identification"] = new(false, ["Interval"], "holder type country number authority"),
        ["Image"] = new(false, ["Document"], "pictured"),
        ["Interest"] = new(true, ["Interval"], "role status"),
        ["Interval"] = new(true, [],
            "startDate endDate date summary description recordId sourceUrl publisher publisherUrl alephUrl namesMentioned " +
            "indexText modifiedAt retrievedAt"),
        ["LegalEntity"] = new(false, ["Thing"],
            "email phone website legalForm incorporationDate dissolutionDate taxStatus status sector classification " +
            "registrationNumber idNumber taxNumber licenseNumber vatCode jurisdiction mainCountry opencorporatesUrl bvdId " +
            "icijId okpoCode innCode ogrnCode leiCode dunsCode uniqueEntityId npiCode swiftBic parent"),
        ["License"] = new(false, ["Contract"], "area commodities reviewDate"),
        ["Membership"] = new(false, ["Interest"], "member organization"),
        ["Mention"] = new(false, [], "document resolved name detectedSchema contextCountry contextPhone contextEmail"),
        ["Message"] = new(false, ["Interval", "Folder", "PlainText", "HyperText"],
            "subject threadTopic sender senderAccount recipients recipientAccount inReplyTo inReplyToMessage metadata"),
        ["Note"] = new(false, ["Thing", "Analyzable"], "entity"),
        ["Occupancy"] = new(false, ["Interval"], "holder post declarationDate status"),
        ["Organization"] = new(false, ["LegalEntity"], "cageCode permId imoNumber giiNumber"),
        ["Ownership"] = new(false, ["Interest"], "owner asset percentage sharesCount sharesValue sharesCurrency sharesType legalBasis ownershipType"),
        ["Package"] = new(false, ["Folder"], ""),
        ["Page"] = new(false, [], "index bodyText document detectedLanguage translatedText translatedTextLanguage indexText"),
        ["Pages"] = new(false, ["Document"], "pdfHash"),
        ["Passport"] = new(false, ["Identification"], "passportNumber surname givenName birthDate birthPlace gender personalNumber"),
        ["Payment"] = new(false, ["Interval", "Value"],
            "sequenceNumber transactionNumber purpose programme payer payerAccount beneficiary beneficiaryAccount contract " +
            "project"),
        ["Person"] = new(false, ["LegalEntity"],
            "title firstName secondName middleName fatherName motherName lastName nameSuffix birthDate birthPlace " +
            "birthCountry deathDate position nationality citizenship passportNumber socialSecurityNumber gender ethnicity " +
            "height weight eyeColor hairColor appearance religion political education spokenLanguage"),
        ["PlainText"] = new(false, ["Document"], ""),
        ["Position"] = new(false, ["Thing"], "organization inceptionDate dissolutionDate subnationalArea numberOfSeats"),
        ["Post"] = new(false, ["Interest"], "holder organization wikidataId"),
        ["Project"] = new(false, ["Interval", "Thing", "Value"], "projectId status phase goal"),
        ["ProjectParticipant"] = new(false, ["Interest"], "project participant"),
        ["PublicBody"] = new(false, ["Organization"], ""),
        ["RealEstate"] = new(false, ["Asset"],
            "latitude longitude censusBlock cadastralCode area registrationNumber titleNumber tenure encumbrance " +
            "propertyType landType createDate parent"),
        ["Representation"] = new(false, ["Interest"], "agent client"),
        ["Sanction"] = new(false, ["Interval"],
            "entity authority authorityId unscId program programId programUrl provisions status duration reason country " +
            "listingDate"),
        ["Security"] = new(false, ["Asset"], "isin registrationNumber ticker figiCode issuer issueDate maturityDate type classification collateral"),
        ["Similar"] = new(false, [], "candidate match confidenceScore criteria matcher"),
        ["Succession"] = new(false, ["Interest"], "predecessor successor"),
        ["Table"] = new(false, ["Document"], "columns rowCount csvHash"),
        ["TaxRoll"] = new(false, ["Interval"], "taxee country surname givenName birthDate income taxPaid wealth"),
        ["Thing"] = new(true, [],
            "name summary description country alias previousName weakAlias sourceUrl publisher publisherUrl alephUrl " +
            "wikipediaUrl wikidataId keywords topics address addressEntity program programId notes proof indexText " +
            "createdAt modifiedAt retrievedAt"),
        ["Trip"] = new(false, ["Event"], "startLocation endLocation vehicle"),
        ["UnknownLink"] = new(false, ["Interest"], "subject object"),
        ["UserAccount"] = new(false, ["Thing"], "owner service email number username password ipAddress"),
        ["Value"] = new(true, [], "amount currency amountUsd amountEur"),
        ["Vehicle"] = new(false, ["Asset"], "registrationNumber type model owner operator buildDate registrationDate deregistrationDate"),
        ["Vessel"] = new(false, ["Vehicle"],
            "imoNumber crsNumber flag registrationPort navigationArea tonnage grossRegisteredTonnage nameChangeDate " +
            "callSign pastFlags pastTypes mmsi"),
        ["Video"] = new(false, ["Document"], "duration"),
        ["Workbook"] = new(false, ["Folder"], ""),
    };

    /// <summary>True when FtM defines a schema of this name (abstract or not).</summary>
    public static bool IsSchema(string schema) => Schemas.ContainsKey(schema);

    /// <summary>True for FtM's abstract schemas (Thing, Interval, Interest...): no entity can have one.</summary>
    public static bool IsAbstract(string schema) => Schemas.TryGetValue(schema, out var names) && names.IsAbstract;

    /// <summary>The schemas an FtM schema extends (none for an unknown one).</summary>
    public static IReadOnlyList<string> ParentsOf(string schema) => Schemas.TryGetValue(schema, out var names) ? names.Parents : [];

    /// <summary>True when the FtM schema defines the property itself or inherits it from any of its parents.</summary>
    public static bool HasProperty(string schema, string property)
    {
        if (!Schemas.TryGetValue(schema, out var names))
        {
            return false;
        }
        return names.Properties.Contains(property) || names.Parents.Any(parent => HasProperty(parent, property));
    }

    private sealed class FtmSchemaNames(bool isAbstract, string[] parents, string properties)
    {
        public bool IsAbstract { get; } = isAbstract;

        public string[] Parents { get; } = parents;

        public HashSet<string> Properties { get; } = new(properties.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
    }
}
