using System.Globalization;
using System.Runtime.CompilerServices;
using Unmask.Domain;

namespace Unmask.Watchlists;

/// <summary>
/// Holds every entity a reader yields to the field limits of <see cref="ReadLimits"/>, in one place for all formats: a
/// name longer than <see cref="ReadLimits.MaxNameChars"/> is refused (a name cut short would match the wrong people); an
/// address or any other value over its limit is cut, and the cuts are counted in one warning. The readers bound what
/// they hold while reading (lines, fields, XML text); this bounds what is stored and then searched on every query.
/// </summary>
internal sealed class FieldLimitedReader(IListReader inner) : IListReader
{
    public IListReader Inner { get; } = inner;

    public ListFormat Format => Inner.Format;

    public bool Sniff(ReadOnlySpan<byte> head) => Inner.Sniff(head);

    public IReadOnlyList<string> CompanionFiles(string fileName) => Inner.CompanionFiles(fileName);

    public static IListReader Wrap(IListReader reader) => reader is FieldLimitedReader ? reader : new FieldLimitedReader(reader);

    public async IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cuts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var number = 0L;
        await foreach (var entity in Inner.ReadAsync(input, context, cancellationToken))
        {
            number++;
            yield return Limit(entity, input, number, cuts);
        }
        if (cuts.Count > 0)
        {
            context.Warn(string.Create(CultureInfo.InvariantCulture,
                $"{input.Name}: cut {cuts.Values.Sum():N0} values longer than their limit (addresses {input.Limits.MaxAddressChars:N0} "
                + $"characters, other text {input.Limits.MaxTextChars:N0}): {string.Join(", ", cuts.Select(c => $"{c.Key} ({c.Value:N0})"))}"));
        }
    }

    /// <summary>The entity itself when every value is within its limit, else a copy with the long values cut.</summary>
    internal static Entity Limit(Entity entity, ListInput input, long number, SortedDictionary<string, int> cuts)
    {
        var limits = input.Limits;
        if (entity.Id.Length > limits.MaxNameChars)
        {
            throw new InputException(input.Name, null, string.Create(CultureInfo.InvariantCulture,
                $"entity #{number:N0}: its id is {entity.Id.Length:N0} characters, over the limit of {limits.MaxNameChars:N0}: refused"));
        }
        var tooLong = false;
        foreach (var (property, values) in entity.Properties)
        {
            var type = entity.Schema.FindProperty(property)?.Type;
            foreach (var value in values)
            {
                if (value.Length <= MaxChars(type, limits))
                {
                    continue;
                }
                if (type == PropertyType.Name)
                {
                    throw new InputException(input.Name, null, string.Create(CultureInfo.InvariantCulture,
                        $"entity #{number:N0} ({Shorten(entity.Id)}): {property} is {value.Length:N0} characters, over the limit of "
                        + $"{limits.MaxNameChars:N0} for a name: refused"));
                }
                tooLong = true;
            }
        }
        if (!tooLong)
        {
            return entity;
        }
        var copy = new Entity(entity.Id, entity.Schema, entity.Dataset)
        {
            Target = entity.Target,
            FirstSeen = entity.FirstSeen,
            LastSeen = entity.LastSeen,
            LastChange = entity.LastChange,
        };
        copy.AddReferents(entity.Referents).AddDatasets(entity.OtherDatasets);
        foreach (var (property, values) in entity.Properties)
        {
            var max = MaxChars(entity.Schema.FindProperty(property)?.Type, limits);
            foreach (var value in values)
            {
                if (value.Length > max)
                {
                    cuts[property] = cuts.GetValueOrDefault(property) + 1;
                }
                copy.Add(property, value.Length > max ? Cut(value, max) : value);
            }
        }
        return copy;
    }

    private static int MaxChars(PropertyType? type, ReadLimits limits) => type switch
    {
        PropertyType.Name => limits.MaxNameChars,
        PropertyType.Address => limits.MaxAddressChars,
        _ => limits.MaxTextChars,
    };

    /// <summary>The first <paramref name="max"/> characters, one fewer when that would split a surrogate pair.</summary>
    private static string Cut(string value, int max) => value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
