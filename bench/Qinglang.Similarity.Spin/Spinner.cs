using System.Text;

namespace Qinglang.Similarity.Spin.Bench;

/// <summary>
/// A model of a Chinese article spinner (伪原创) like the one behind seed 002: swaps a share of the words it knows
/// for near-synonyms, and optionally rotates every clause at a random point (成数据和技术管理规范《规定》明确了深度合),
/// shuffles the clauses of each sentence and the sentences of each paragraph. Deterministic for a given seed.
/// </summary>
internal sealed class Spinner
{
    private const int MaxWord = 4;
    private readonly Dictionary<string, string[]> variants;
    private readonly HashSet<string> heldOutWords;

    public Spinner(IEnumerable<(string Canonical, string Variant)> known, IEnumerable<(string Canonical, string Variant)> heldOut)
    {
        var all = new Dictionary<string, List<string>>();
        heldOutWords = [];
        foreach (var (canonical, variant) in known)
        {
            Add(canonical, variant);
        }

        foreach (var (canonical, variant) in heldOut)
        {
            Add(canonical, variant);
            heldOutWords.Add(canonical);
        }

        variants = all.ToDictionary(p => p.Key, p => p.Value.ToArray());

        void Add(string canonical, string variant)
        {
            if (!all.TryGetValue(canonical, out var list))
            {
                all[canonical] = list = [];
            }

            list.Add(variant);
        }
    }

    /// <summary>Substitutions made by the last <see cref="Spin"/>, and how many of them were held-out words.</summary>
    public (int Substituted, int HeldOut, int Candidates) LastCounts { get; private set; }

    public string Spin(string text, double strength, bool reorder, Random random)
    {
        var substituted = Substitute(text, strength, random);
        return reorder ? Reorder(substituted, random) : substituted;
    }

    private string Substitute(string text, double strength, Random random)
    {
        var builder = new StringBuilder(text.Length + 16);
        int substituted = 0, heldOut = 0, candidates = 0;
        for (var i = 0; i < text.Length;)
        {
            var matched = false;
            for (var length = Math.Min(MaxWord, text.Length - i); length >= 2 && !matched; length--)
            {
                var word = text.Substring(i, length);
                if (variants.TryGetValue(word, out var choices))
                {
                    candidates++;
                    if (random.NextDouble() < strength)
                    {
                        builder.Append(choices[random.Next(choices.Length)]);
                        substituted++;
                        heldOut += heldOutWords.Contains(word) ? 1 : 0;
                    }
                    else
                    {
                        builder.Append(word);
                    }

                    i += length;
                    matched = true;
                }
            }

            if (!matched)
            {
                builder.Append(text[i++]);
            }
        }

        LastCounts = (substituted, heldOut, candidates);
        return builder.ToString();
    }

    /// <summary>Sentences an editor might add, unrelated to every text of the corpus (written by the project).</summary>
    private static readonly string[] Additions =
    [
        "本文仅代表作者个人观点，欢迎读者留言交流。",
        "更多精彩内容，请关注我们的后续报道。",
        "编者按：文章有删节，标题为编辑所加。",
        "如有转载需要，请注明出处并联系我们。",
    ];

    /// <summary>A human-style edit: drops one clause of <paramref name="text"/> and appends an editor's sentence.</summary>
    public static string Edit(string text, Random random)
    {
        var clauses = Split(text, "，。；！？");
        if (clauses.Count > 2)
        {
            clauses.RemoveAt(random.Next(clauses.Count));
        }

        return string.Concat(clauses.Select(c => c.Body + c.End)) + Additions[random.Next(Additions.Length)];
    }

    /// <summary>Rotates each clause, shuffles clauses within sentences and sentences within the text.</summary>
    private static string Reorder(string text, Random random)
    {
        var sentences = Split(text, "。！？!?\n");
        foreach (var sentence in sentences)
        {
            var clauses = Split(sentence.Body, "，；：,;:");
            foreach (var clause in clauses)
            {
                if (clause.Body.Length > 3)
                {
                    var cut = random.Next(1, clause.Body.Length);
                    clause.Body = string.Concat(clause.Body.AsSpan(cut), clause.Body.AsSpan(0, cut));
                }
            }

            Shuffle(clauses, random);
            sentence.Body = string.Concat(clauses.Select(c => c.Body + c.End));
        }

        Shuffle(sentences, random);
        return string.Concat(sentences.Select(s => s.Body + s.End));
    }

    private static List<Piece> Split(string text, string ends)
    {
        var pieces = new List<Piece>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (ends.Contains(text[i]))
            {
                pieces.Add(new Piece { Body = text[start..i], End = text[i].ToString() });
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            pieces.Add(new Piece { Body = text[start..], End = "" });
        }

        return pieces;
    }

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private sealed class Piece
    {
        public required string Body { get; set; }

        public required string End { get; init; }
    }
}
