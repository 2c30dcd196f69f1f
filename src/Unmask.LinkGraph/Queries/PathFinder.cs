using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Queries;

/// <summary>
/// k shortest simple paths (Yen's algorithm over a bidirectional breadth-first search). Intermediate nodes are never
/// barriers (hubs, buildings, reference sites); the two ends may be anything. Each search only touches the part of the
/// graph within <c>maxLength</c> hops of the ends, so a path query on a million-node graph stays in milliseconds.
/// </summary>
internal static class PathFinder
{
    public static PathResult Find(LinkGraph graph, NodeResolution from, NodeResolution to, int maxLength, int limit)
    {
        maxLength = Math.Clamp(maxLength, 1, 12);
        limit = Math.Clamp(limit, 1, 20);
        var s = graph.IndexOf(from.Node.Id);
        var t = graph.IndexOf(to.Node.Id);
        var paths = KShortest(graph, s, t, maxLength, limit);
        return new PathResult(from, to, maxLength, [.. paths.Select(p => Describe(graph, p))]);
    }

    internal static List<int[]> KShortest(LinkGraph graph, int s, int t, int maxLength, int limit)
    {
        var found = new List<int[]>();
        if (s == t)
        {
            return found;
        }
        var first = Shortest(graph, s, t, maxLength, [], []);
        if (first is null)
        {
            return found;
        }
        found.Add(first);
        var candidates = new List<(int[] Path, double Strength)>();
        var known = new HashSet<string>(StringComparer.Ordinal) { Key(first) };
        while (found.Count < limit)
        {
            var previous = found[^1];
            for (var i = 0; i < previous.Length - 1; i++)
            {
                var spur = previous[i];
                var root = previous.AsSpan(0, i + 1);
                var blockedLinks = new HashSet<long>();
                foreach (var path in found)
                {
                    if (path.Length > i + 1 && path.AsSpan(0, i + 1).SequenceEqual(root))
                    {
                        blockedLinks.Add(LinkKey(path[i], path[i + 1]));
                    }
                }
                var blockedNodes = new HashSet<int>(previous.Take(i));
                var spurPath = Shortest(graph, spur, t, maxLength - i, blockedNodes, blockedLinks);
                if (spurPath is null)
                {
                    continue;
                }
                int[] total = [.. root[..^1], .. spurPath];
                if (known.Add(Key(total)))
                {
                    candidates.Add((total, Strength(graph, total)));
                }
            }
            if (candidates.Count == 0)
            {
                break;
            }
            var best = 0;
            for (var c = 1; c < candidates.Count; c++)
            {
                if (Better(candidates[c], candidates[best]))
                {
                    best = c;
                }
            }
            found.Add(candidates[best].Path);
            candidates.RemoveAt(best);
        }
        return found;
    }

    /// <summary>Shortest path by hops from <paramref name="s"/> to <paramref name="t"/> within <paramref name="maxLength"/>.</summary>
    internal static int[]? Shortest(LinkGraph graph, int s, int t, int maxLength, HashSet<int> blockedNodes, HashSet<long> blockedLinks)
    {
        if (s == t)
        {
            return [s];
        }
        var forward = new Dictionary<int, (int Parent, int Distance)> { [s] = (-1, 0) };
        var backward = new Dictionary<int, (int Parent, int Distance)> { [t] = (-1, 0) };
        var frontF = new List<int> { s };
        var frontB = new List<int> { t };
        var depthF = 0;
        var depthB = 0;
        while (frontF.Count > 0 && frontB.Count > 0 && depthF + depthB < maxLength)
        {
            var isForward = frontF.Count <= frontB.Count;
            var (front, mine, theirs) = isForward ? (frontF, forward, backward) : (frontB, backward, forward);
            var next = new List<int>();
            (int X, int Y, int Length) meet = (-1, -1, int.MaxValue);
            foreach (var x in front)
            {
                var dx = mine[x].Distance;
                foreach (var y in graph.Neighbours(x))
                {
                    if (blockedNodes.Contains(y) || (blockedLinks.Count > 0 && blockedLinks.Contains(LinkKey(x, y))))
                    {
                        continue;
                    }
                    if (theirs.TryGetValue(y, out var other))
                    {
                        var length = dx + 1 + other.Distance;
                        if (length < meet.Length && length <= maxLength)
                        {
                            meet = (x, y, length);
                        }
                        continue;
                    }
                    if (mine.ContainsKey(y) || graph.Barriers[y] || y == s || y == t)
                    {
                        continue;
                    }
                    mine[y] = (x, dx + 1);
                    next.Add(y);
                }
            }
            if (meet.X >= 0)
            {
                var (fx, fy) = isForward ? (meet.X, meet.Y) : (meet.Y, meet.X);
                var path = new List<int>();
                for (var n = fx; n != -1; n = forward[n].Parent)
                {
                    path.Add(n);
                }
                path.Reverse();
                for (var n = fy; n != -1; n = backward[n].Parent)
                {
                    path.Add(n);
                }
                return [.. path];
            }
            if (isForward)
            {
                frontF = next;
                depthF++;
            }
            else
            {
                frontB = next;
                depthB++;
            }
        }
        return null;
    }

    internal static GraphPath Describe(LinkGraph graph, int[] path)
    {
        var hops = new List<PathHop>(path.Length - 1);
        var strength = 1.0;
        for (var i = 0; i + 1 < path.Length; i++)
        {
            var e = BestEdge(graph, path[i], path[i + 1]);
            strength *= graph.EffectiveWeight(e);
            ref readonly var edge = ref graph.EdgeData[e];
            hops.Add(new PathHop(graph.NodeData[path[i]].Id, graph.NodeData[path[i + 1]].Id, graph.RelationNames[edge.Relation],
                edge.Evidence, edge.Source, edge.From != path[i]));
        }
        return new GraphPath([.. path.Select(n => graph.NodeData[n].Id)], hops, Explanations.Sentence(graph, path, hops), strength);
    }

    /// <summary>The strongest edge between two adjacent nodes (several relations can join the same pair).</summary>
    internal static int BestEdge(LinkGraph graph, int a, int b)
    {
        var (scan, target) = graph.Adjacent(a).Length <= graph.Adjacent(b).Length ? (a, b) : (b, a);
        var best = -1;
        var bestWeight = double.MinValue;
        foreach (var e in graph.Adjacent(scan))
        {
            if (graph.Other(e, scan) == target && graph.EffectiveWeight(e) > bestWeight)
            {
                best = e;
                bestWeight = graph.EffectiveWeight(e);
            }
        }
        return best >= 0 ? best : throw new InvalidOperationException($"nodes {a} and {b} are not adjacent");
    }

    private static double Strength(LinkGraph graph, int[] path)
    {
        var strength = 1.0;
        for (var i = 0; i + 1 < path.Length; i++)
        {
            strength *= graph.EffectiveWeight(BestEdge(graph, path[i], path[i + 1]));
        }
        return strength;
    }

    private static bool Better((int[] Path, double Strength) a, (int[] Path, double Strength) b) =>
        a.Path.Length != b.Path.Length ? a.Path.Length < b.Path.Length
        : a.Strength != b.Strength ? a.Strength > b.Strength
        : string.CompareOrdinal(Key(a.Path), Key(b.Path)) < 0;

    private static long LinkKey(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    private static string Key(int[] path) => string.Join(',', path);
}
