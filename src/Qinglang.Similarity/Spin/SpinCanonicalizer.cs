using System.Reflection;
using System.Text;
using Qinglang.Text.Normalization;

namespace Qinglang.Similarity.Spin;

/// <summary>
/// Maps spinner substitutions back to one canonical form before shingling (手艺 → 技术, 宁静 → 安全, 小我私家 → 个人).
/// Every line of a table joins its two words into one family (transitively: 使用 → 利用 and 利用 → 操纵 make one
/// family), and every member of a family, the canonical word included, is rewritten to the family's representative
/// (for a table whose lines each name a new family: its canonical side). Applied to both texts of a comparison, so a legitimate use of
/// a member word changes nothing. Matching is leftmost-longest over normalized text. Immutable and thread-safe.
/// </summary>
public sealed class SpinCanonicalizer
{
    private const int NoTerminal = -1;

    private static readonly Lazy<IReadOnlyList<SubstitutionPair>> BuiltInTable = new(ReadBuiltIn);
    private static readonly Lazy<SpinCanonicalizer> BuiltIn = new(() => Create(BuiltInTable.Value));

    private readonly int[] rootChildren;
    private readonly EdgeTable edges;
    private readonly int[] terminals;
    private readonly string[] canonicalForms;

    private SpinCanonicalizer(IReadOnlyList<SubstitutionPair> pairs, IReadOnlyDictionary<string, string> members)
    {
        Pairs = pairs;
        var forms = new List<string>();
        var formIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodeTerminals = new List<int> { NoTerminal };
        var edgeMap = new Dictionary<long, int>();
        rootChildren = members.Count == 0 ? [] : new int[char.MaxValue + 1];
        foreach (var (member, representative) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var node = 0;
            foreach (var ch in member)
            {
                var existing = node == 0 ? rootChildren[ch] : edgeMap.GetValueOrDefault(Edge(node, ch));
                if (existing == 0)
                {
                    existing = nodeTerminals.Count;
                    nodeTerminals.Add(NoTerminal);
                    if (node == 0)
                    {
                        rootChildren[ch] = existing;
                    }
                    else
                    {
                        edgeMap[Edge(node, ch)] = existing;
                    }
                }

                node = existing;
            }

            if (!formIndex.TryGetValue(representative, out var index))
            {
                index = forms.Count;
                forms.Add(representative);
                formIndex[representative] = index;
            }

            // Terminal value: form index * 2, plus 1 when the member differs from its form (a real substitution).
            nodeTerminals[node] = (index * 2) + (member == representative ? 0 : 1);
        }

        edges = new EdgeTable(edgeMap);
        terminals = [.. nodeTerminals];
        canonicalForms = [.. forms];
        Members = members;
        TableId = members.Count == 0 ? "none" : ComputeTableId(members);
    }

    /// <summary>The project's table, data/similarity/spin-synonyms.tsv (embedded).</summary>
    public static SpinCanonicalizer Default => BuiltIn.Value;

    /// <summary>No substitutions: fingerprints see the text as written.</summary>
    public static SpinCanonicalizer Empty { get; } = new([], new Dictionary<string, string>());

    /// <summary>The lines of the built-in table.</summary>
    public static IReadOnlyList<SubstitutionPair> BuiltInPairs => BuiltInTable.Value;

    /// <summary>The lines this canonicalizer was built from, in order.</summary>
    public IReadOnlyList<SubstitutionPair> Pairs { get; }

    /// <summary>Every member word (normalized) and its canonical form.</summary>
    public IReadOnlyDictionary<string, string> Members { get; }

    /// <summary>A stable identifier of the member → canonical mapping (16 hex digits; "none" when empty).</summary>
    public string TableId { get; }

    internal int MaxDepth { get; private set; }

    /// <summary>Builds a canonicalizer from table lines (words are normalized like text: simplified, lower case).</summary>
    public static SpinCanonicalizer Create(IEnumerable<SubstitutionPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var list = pairs.ToList();
        var families = new Families();
        foreach (var pair in list)
        {
            var variant = NormalizeWord(pair.Variant);
            var canonical = NormalizeWord(pair.Canonical);
            if (variant.Length == 0 || canonical.Length == 0 || variant == canonical)
            {
                continue;
            }

            families.Join(variant, canonical);
        }

        var members = families.Representatives();
        var canonicalizer = new SpinCanonicalizer(list, members) { MaxDepth = members.Count == 0 ? 0 : members.Keys.Max(m => m.Length) };
        return canonicalizer;
    }

    /// <summary>The built-in table plus the lines of each file in <paramref name="extraTables"/> (user tables).</summary>
    public static SpinCanonicalizer LoadWithExtraFiles(IEnumerable<string> extraTables)
    {
        ArgumentNullException.ThrowIfNull(extraTables);
        var pairs = new List<SubstitutionPair>(BuiltInPairs);
        foreach (var path in extraTables)
        {
            pairs.AddRange(SpinTableReader.ReadFile(path));
        }

        return Create(pairs);
    }

    /// <summary>This table plus <paramref name="more"/> lines (for example what <see cref="SubstitutionLearner"/> proposed).</summary>
    public SpinCanonicalizer Extend(IEnumerable<SubstitutionPair> more) => Create(Pairs.Concat(more));

    /// <summary>The canonical form of <paramref name="word"/> when it is a member of a family, otherwise null.</summary>
    public string? CanonicalFormOf(string word) => Members.GetValueOrDefault(NormalizeWord(word));

    /// <summary>
    /// <paramref name="text"/> normalized (width, case, traditional → simplified; punctuation kept) with every member
    /// word replaced by its canonical form: what the fingerprints see.
    /// </summary>
    public string Canonicalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = TextFingerprinter.ContentNormalizer.Normalize(text).Text;
        var builder = new StringBuilder(normalized.Length);
        for (var i = 0; i < normalized.Length;)
        {
            var length = Match(normalized, i, out var form, out _);
            if (length > 0)
            {
                builder.Append(canonicalForms[form]);
                i += length;
            }
            else
            {
                builder.Append(normalized[i++]);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Longest member starting at <paramref name="start"/>: its length (0 when none), the index of its canonical form,
    /// and whether it differs from that form.
    /// </summary>
    internal int Match(ReadOnlySpan<char> text, int start, out int form, out bool substituted)
    {
        form = 0;
        substituted = false;
        if (rootChildren.Length == 0)
        {
            return 0;
        }

        var node = rootChildren[text[start]];
        var best = 0;
        for (var i = start + 1; node != 0; i++)
        {
            var terminal = terminals[node];
            if (terminal != NoTerminal)
            {
                best = i - start;
                form = terminal >> 1;
                substituted = (terminal & 1) != 0;
            }

            if (i >= text.Length)
            {
                break;
            }

            node = edges.Get(Edge(node, text[i]));
        }

        return best;
    }

    /// <summary>The canonical form with index <paramref name="form"/>.</summary>
    internal string Form(int form) => canonicalForms[form];

    /// <summary>Whether any member starts with <paramref name="ch"/> (a quick test before <see cref="Match"/>).</summary>
    internal bool MayStartWith(char ch) => rootChildren.Length != 0 && rootChildren[ch] != 0;

    private static long Edge(int node, char ch) => ((long)node << 16) | ch;

    private static string NormalizeWord(string word) => TextNormalizer.Default.Normalize(word).Text;

    private static string ComputeTableId(IReadOnlyDictionary<string, string> members)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var (member, form) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            foreach (var ch in member)
            {
                h = (h ^ ch) * 0x100000001B3UL;
            }

            h = (h ^ '\t') * 0x100000001B3UL;
            foreach (var ch in form)
            {
                h = (h ^ ch) * 0x100000001B3UL;
            }

            h = (h ^ '\n') * 0x100000001B3UL;
        }

        return StableHash.Mix(h).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IReadOnlyList<SubstitutionPair> ReadBuiltIn()
    {
        const string name = "Qinglang.Similarity.spin-synonyms.tsv";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException("missing embedded resource " + name);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return SpinTableReader.Read(reader, "data/similarity/spin-synonyms.tsv");
    }

    /// <summary>Union-find over words; joining puts the variant's family under the canonical side's representative.</summary>
    private sealed class Families
    {
        private readonly Dictionary<string, string> parent = new(StringComparer.Ordinal);

        public void Join(string variant, string canonical)
        {
            var variantRoot = Find(variant);
            var canonicalRoot = Find(canonical);
            if (variantRoot != canonicalRoot)
            {
                parent[variantRoot] = canonicalRoot;
            }
        }

        public Dictionary<string, string> Representatives()
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var word in parent.Keys.ToList())
            {
                result[word] = Find(word);
            }

            return result;
        }

        private string Find(string word)
        {
            if (!parent.TryGetValue(word, out var up))
            {
                parent[word] = word;
                return word;
            }

            var root = word;
            while (parent[root] != root)
            {
                root = parent[root];
            }

            // Path compression keeps later finds short.
            while (up != root)
            {
                var next = parent[up];
                parent[word] = root;
                word = up;
                up = next;
            }

            return root;
        }
    }
}
