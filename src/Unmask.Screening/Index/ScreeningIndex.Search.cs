using System.Collections.Concurrent;
using Unmask.Screening.Index;
using Unmask.Screening.Names;
using Unmask.Screening.Scoring;

namespace Unmask.Screening;

public sealed partial class ScreeningIndex
{
    private readonly ConcurrentBag<SearchScratch> _scratch = [];
    private int[] _rowEntity = [];
    private float[] _rowFactor = [];
    private float[] _rowWeight = [];
    private float[] _rowDistinctive = [];
    private float[] _rowMostDistinctive = [];
    private float[] _tokenWeight = [];
    private int[] _entityRowStart = [];

    internal TokenRetrieval Retrieval { get; private set; } = null!;

    private void InitialiseRetrieval(Dictionary<(string, bool), NameToken> interned, List<NameVariant> rows, List<int> rowEntity, List<float> rowFactor)
    {
        Retrieval = new TokenRetrieval(interned, rows);
        _rowEntity = [.. rowEntity];
        _rowFactor = [.. rowFactor];
        _rowWeight = new float[rows.Count];
        _rowDistinctive = new float[rows.Count];
        _rowMostDistinctive = new float[rows.Count];
        for (var row = 0; row < rows.Count; row++)
        {
            var tokens = rows[row].Tokens;
            float total = 0, distinctive = 0, most = 0;
            for (var t = 0; t < Math.Min(tokens.Length, PreparedName.MaxTokens); t++)
            {
                var weight = (float)tokens[t].Weight;
                total += weight;
                if (!tokens[t].IsLegalForm && !tokens[t].IsFiller)
                {
                    distinctive += weight;
                    most = Math.Max(most, weight);
                }
            }
            _rowWeight[row] = total;
            _rowDistinctive[row] = distinctive;
            _rowMostDistinctive[row] = most;
        }
        _entityRowStart = new int[Entities.Count + 1];
        for (int entity = 0, row = 0; entity <= Entities.Count; entity++)
        {
            while (row < _rowEntity.Length && _rowEntity[row] < entity)
            {
                row++;
            }
            _entityRowStart[entity] = row;
        }
        _tokenWeight = new float[Retrieval.TokenCount];
        foreach (var token in interned.Values)
        {
            _tokenWeight[token.Id] = (float)token.Weight;
        }
    }

    internal SearchScratch RentScratch() =>
        _scratch.TryTake(out var scratch) ? scratch : new SearchScratch(Retrieval.TokenCount, _rowEntity.Length, Entities.Count);

    internal void ReturnScratch(SearchScratch scratch) => _scratch.Add(scratch);

    /// <summary>First name row of an entity: its names' variants follow in order, as <see cref="Screener"/> walks them.</summary>
    internal int RowStart(int entity) => _entityRowStart[entity];

    /// <summary>
    /// Finds the entities whose names can score against the query variants and an upper bound of each one's name score:
    /// for every query token, the list tokens it earns credit against (<see cref="TokenRetrieval.Similar"/>) add
    /// credit × (query weight + <see cref="NameMatcher.CandidateSideWeight"/> × list weight) to the name rows holding them,
    /// the best per row and query token. The bound ignores the one-to-one rule of the alignment, so it can only be higher
    /// than the aligned score (legal forms, filler words and initials are not looked up and count as if matched).
    /// Fills <see cref="SearchScratch.Entities"/> (bound, best first) and the per-token similarities used for scoring.
    /// </summary>
    internal void Search(IReadOnlyList<NameVariant> variants, SearchScratch scratch, double cutoff)
    {
        scratch.Begin();
        var sims = scratch.Similarities;
        var offsets = scratch.Offsets;
        foreach (var variant in variants)
        {
            var tokens = variant.Tokens;
            var n = Math.Min(tokens.Length, PreparedName.MaxTokens);
            double totalQuery = 0, slack = 0;
            var unlooked = 0;
            for (var i = 0; i < n; i++)
            {
                totalQuery += tokens[i].Weight;
            }
            for (var i = 0; i < n; i++)
            {
                var q = tokens[i];
                offsets.Add(sims.Count);
                var from = sims.Count;
                Retrieval.Similar(q, sims, scratch.TokenSeen, scratch.NextStamp());
                var weight = (float)q.Weight;
                if (q.IsLegalForm || q.IsFiller || q.Text.Length == 1)
                {
                    slack += (1 + NameMatcher.CandidateSideWeight) * weight;
                    unlooked++;
                    continue;
                }
                var slot = scratch.NextStamp();
                for (var s = from; s < sims.Count; s++)
                {
                    var credit = (float)NameMatcher.Credit(sims[s].Similarity);
                    var listWeight = _tokenWeight[sims[s].Token];
                    var value = credit * (weight + ((float)NameMatcher.CandidateSideWeight * listWeight));
                    foreach (var row in Retrieval.RowsOf(sims[s].Token))
                    {
                        scratch.Offer(row, value, listWeight, slot);
                    }
                }
                foreach (var (row, joinedWeight) in Retrieval.JoinedRows(q))
                {
                    scratch.Offer(row, weight + ((float)NameMatcher.CandidateSideWeight * joinedWeight), joinedWeight, slot);
                }
                scratch.Flush();
                if (i + 1 < n && !tokens[i + 1].IsLegalForm && !tokens[i + 1].IsFiller)
                {
                    // "Jong Un" or "Smile Walle" in the query, "Jongun" or "SmileWallet" on the list
                    var joined = new NameToken(q.Text + tokens[i + 1].Text, q.FromAbjad);
                    var joinedSims = scratch.JoinedSimilarities;
                    joinedSims.Clear();
                    Retrieval.Similar(joined, joinedSims, scratch.TokenSeen, scratch.NextStamp());
                    slot = scratch.NextStamp();
                    var pairWeight = weight + (float)tokens[i + 1].Weight;
                    foreach (var similar in joinedSims)
                    {
                        var listWeight = _tokenWeight[similar.Token];
                        var value = (float)NameMatcher.Credit(similar.Similarity) * (pairWeight + ((float)NameMatcher.CandidateSideWeight * listWeight));
                        foreach (var row in Retrieval.RowsOf(similar.Token))
                        {
                            scratch.Offer(row, value, listWeight, slot);
                        }
                    }
                    scratch.Flush();
                }
            }
            foreach (var row in scratch.TouchedRows)
            {
                var bound = Math.Min(1, (scratch.Accumulated[row] + slack) / (totalQuery + (NameMatcher.CandidateSideWeight * _rowWeight[row])));
                if (_rowDistinctive[row] > 0)
                {
                    // the alignment's cap by the list name's matched rarity mass (words the query did not look up may meet any)
                    var matched = scratch.AccumulatedListWeight[row] + (unlooked * _rowMostDistinctive[row]);
                    bound = Math.Min(bound, NameMatcher.CoverageFloor + ((1 - NameMatcher.CoverageFloor) * Math.Min(1, matched / _rowDistinctive[row])));
                }
                bound *= _rowFactor[row];
                scratch.Accumulated[row] = 0;
                scratch.AccumulatedListWeight[row] = 0;
                scratch.OfferRow(row, (float)bound);
                if (bound >= cutoff)
                {
                    scratch.OfferEntity(_rowEntity[row], (float)bound);
                }
            }
            scratch.TouchedRows.Clear();
        }
        offsets.Add(sims.Count);
        scratch.SortEntities();
    }
}

/// <summary>Per-query working memory of <see cref="ScreeningIndex.Search"/>, pooled so a batch allocates no arrays per query.</summary>
internal sealed class SearchScratch(int tokenCount, int rowCount, int entityCount)
{
    private readonly float[] _best = new float[rowCount];
    private readonly float[] _bestListWeight = new float[rowCount];
    private readonly int[] _rowSlot = new int[rowCount];
    private readonly List<int> _slotRows = new(1024);
    private readonly float[] _entityBound = new float[entityCount];
    private readonly List<int> _touchedEntities = new(1024);
    private int _stamp;

    public int[] TokenSeen { get; } = new int[tokenCount];
    public float[] Accumulated { get; } = new float[rowCount];

    /// <summary>Per name row, the most list-side weight the query tokens so far can have met (one list word each).</summary>
    public float[] AccumulatedListWeight { get; } = new float[rowCount];
    public List<int> TouchedRows { get; } = new(1024);
    public List<TokenSimilarity> Similarities { get; } = new(256);
    public List<TokenSimilarity> JoinedSimilarities { get; } = new(64);

    /// <summary>Start of each query token's similarities in <see cref="Similarities"/> (variants one after the other), plus an end.</summary>
    public List<int> Offsets { get; } = new(32);

    /// <summary>Entities found, best bound first.</summary>
    public List<(int Entity, float Bound)> Entities { get; } = new(1024);

    private readonly List<int> _boundRows = new(1024);

    /// <summary>Upper bound of each name row's score found by the last search (0 for rows it did not reach).</summary>
    public float[] RowBound { get; } = new float[rowCount];

    public void OfferRow(int row, float bound)
    {
        if (RowBound[row] == 0)
        {
            _boundRows.Add(row);
        }
        RowBound[row] = Math.Max(RowBound[row], bound);
    }

    public void Begin()
    {
        foreach (var row in _boundRows)
        {
            RowBound[row] = 0;
        }
        _boundRows.Clear();
        Similarities.Clear();
        Offsets.Clear();
        Entities.Clear();
    }

    public int NextStamp()
    {
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(TokenSeen);
            Array.Clear(_rowSlot);
            _stamp = 1;
        }
        return _stamp;
    }

    public void Offer(int row, float value, float listWeight, int slot)
    {
        if (_rowSlot[row] != slot)
        {
            _rowSlot[row] = slot;
            _best[row] = value;
            _bestListWeight[row] = listWeight;
            _slotRows.Add(row);
            return;
        }
        _best[row] = Math.Max(_best[row], value);
        _bestListWeight[row] = Math.Max(_bestListWeight[row], listWeight);
    }

    public void Flush()
    {
        foreach (var row in _slotRows)
        {
            if (Accumulated[row] == 0)
            {
                TouchedRows.Add(row);
            }
            Accumulated[row] += _best[row];
            AccumulatedListWeight[row] += _bestListWeight[row];
        }
        _slotRows.Clear();
    }

    public void OfferEntity(int entity, float bound)
    {
        if (_entityBound[entity] == 0)
        {
            _touchedEntities.Add(entity);
        }
        if (bound > _entityBound[entity])
        {
            _entityBound[entity] = bound;
        }
    }

    public void SortEntities()
    {
        foreach (var entity in _touchedEntities)
        {
            Entities.Add((entity, _entityBound[entity]));
            _entityBound[entity] = 0;
        }
        _touchedEntities.Clear();
        Entities.Sort(static (a, b) => b.Bound != a.Bound ? b.Bound.CompareTo(a.Bound) : a.Entity.CompareTo(b.Entity));
    }
}
