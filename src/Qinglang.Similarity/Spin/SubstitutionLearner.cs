using Qinglang.Text.Normalization;

namespace Qinglang.Similarity.Spin;

/// <summary>
/// Learns spinner substitutions from confirmed (original, spun) pairs. Each spun clause is matched to the original
/// clause sharing the most character bigrams, aligned with rotation undone (<see cref="ClauseAligner"/>), and each
/// differing segment pair becomes a proposal: cut into two-character words when both sides are equally long and even
/// (合成服务 / 分解效劳 → 合成/分解, 服务/效劳: the spinner mostly swaps words for words of the same length), otherwise
/// as a whole when both sides have at most <see cref="MaxWordLength"/> characters (个人 / 小我私家); a lone differing
/// character is offered with each neighbour (<see cref="ClauseAligner"/>). Pairs the
/// canonicalizer already maps together are not proposed. Counts add up over all pairs given; review proposals with
/// low counts before adding them to a table.
/// </summary>
public sealed class SubstitutionLearner(SpinCanonicalizer? known = null)
{
    /// <summary>Longest word (characters) proposed as one substitution.</summary>
    public const int MaxWordLength = 4;

    private readonly SpinCanonicalizer known = known ?? SpinCanonicalizer.Empty;
    private readonly Dictionary<(string Variant, string Canonical), int> counts = [];

    /// <summary>Aligns a pair someone confirmed as original and spun copy, adding what differs to the counts.</summary>
    public void AddConfirmedPair(string original, string spun)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(spun);
        var originals = Clauses(original);
        var index = BigramIndex(originals);
        foreach (var clause in Clauses(spun))
        {
            var source = BestSource(clause, originals, index);
            if (source is null)
            {
                continue;
            }

            foreach (var (originalSegment, spunSegment) in ClauseAligner.DifferingSegments(source, clause))
            {
                foreach (var (canonical, variant) in Words(originalSegment, spunSegment))
                {
                    if (canonical != variant && !AlreadyKnown(variant, canonical))
                    {
                        counts[(variant, canonical)] = counts.GetValueOrDefault((variant, canonical)) + 1;
                    }
                }
            }
        }
    }

    /// <summary>The proposals seen at least <paramref name="minCount"/> times, most frequent first.</summary>
    public IReadOnlyList<SubstitutionProposal> Proposals(int minCount = 1) =>
        [.. counts.Where(c => c.Value >= minCount)
            .Select(c => new SubstitutionProposal(c.Key.Variant, c.Key.Canonical, c.Value))
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.Variant, StringComparer.Ordinal)];

    private bool AlreadyKnown(string variant, string canonical)
    {
        var form = known.CanonicalFormOf(variant);
        return form is not null && form == (known.CanonicalFormOf(canonical) ?? canonical);
    }

    private static IEnumerable<(string Canonical, string Variant)> Words(string original, string spun)
    {
        if (original.Length == spun.Length && original.Length % 2 == 0)
        {
            for (var i = 0; i < original.Length; i += 2)
            {
                yield return (original.Substring(i, 2), spun.Substring(i, 2));
            }
        }
        else if (original.Length <= MaxWordLength && spun.Length <= MaxWordLength && original.Length + spun.Length > 2)
        {
            yield return (original, spun);
        }
    }

    /// <summary>The original clause sharing the most bigrams with <paramref name="clause"/> (at least a third of its own).</summary>
    private static string? BestSource(string clause, List<string> originals, Dictionary<int, List<int>> index)
    {
        var shared = new Dictionary<int, int>();
        foreach (var bigram in Bigrams(clause).Distinct())
        {
            if (index.TryGetValue(bigram, out var holders))
            {
                foreach (var holder in holders)
                {
                    shared[holder] = shared.GetValueOrDefault(holder) + 1;
                }
            }
        }

        if (shared.Count == 0)
        {
            return null;
        }

        var (best, count) = shared.MaxBy(s => s.Value);
        return count >= 2 && count * 3 >= clause.Length ? originals[best] : null;
    }

    private static Dictionary<int, List<int>> BigramIndex(List<string> clauses)
    {
        var index = new Dictionary<int, List<int>>();
        for (var c = 0; c < clauses.Count; c++)
        {
            foreach (var bigram in Bigrams(clauses[c]).Distinct())
            {
                if (!index.TryGetValue(bigram, out var holders))
                {
                    index[bigram] = holders = [];
                }

                holders.Add(c);
            }
        }

        return index;
    }

    /// <summary>Circular character bigrams, so a rotated clause keeps all of them.</summary>
    private static IEnumerable<int> Bigrams(string clause)
    {
        for (var i = 0; i < clause.Length; i++)
        {
            yield return (clause[i] << 16) | clause[(i + 1) % clause.Length];
        }
    }

    /// <summary>Normalized clauses of content characters (the fingerprint's clause boundaries; other punctuation dropped).</summary>
    private static List<string> Clauses(string text)
    {
        var normalized = TextFingerprinter.ContentNormalizer.Normalize(text).Text;
        var clauses = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var ch in normalized)
        {
            var kind = UnitClasses.Table[ch];
            if (kind is UnitClasses.Boundary or UnitClasses.SentenceEnd)
            {
                Flush();
            }
            else if (kind is UnitClasses.Ideograph or UnitClasses.WordPart)
            {
                current.Append(ch);
            }
        }

        Flush();
        return clauses;

        void Flush()
        {
            if (current.Length > 0)
            {
                clauses.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
