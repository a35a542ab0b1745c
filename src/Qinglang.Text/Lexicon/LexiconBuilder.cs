using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Qinglang.Core;
using Qinglang.Text.Matching;

namespace Qinglang.Text.Lexicons;

/// <summary>
/// Collects entries from one or more sources and validates them: unknown categories, empty and one-character
/// words, duplicates, conflicts (same word, different category; a word both blocked and allowed), broken regular
/// expressions, and words that fire inside common text. The rules are documented in data/lexicon/README.md.
/// </summary>
public sealed class LexiconBuilder
{
    /// <summary>Match timeout of a regex entry that does not set its own.</summary>
    public static readonly TimeSpan DefaultRegexTimeout = TimeSpan.FromMilliseconds(200);

    private readonly List<LexiconEntry> entries = [];
    private readonly List<LexiconIssue> issues = [];
    private readonly Dictionary<string, int> byKey = new(StringComparer.Ordinal);
    private readonly List<string> versions = [];

    public IReadOnlyList<LexiconIssue> Issues => issues;

    public void AddVersion(string version, EntrySource source)
    {
        if (string.IsNullOrWhiteSpace(version)) Error("lexicon.version", "The version is empty.", source);
        else versions.Add(version.Trim());
    }

    public void AddWord(string word, string category, Severity severity, EntryFlags flags, EntrySource source)
    {
        word = word.Trim();
        if (!CheckWord(word, flags, "word", source) || !CheckCategory(category, source)) return;
        Add(new LexiconEntry(entries.Count, EntryKind.Word, word, category, severity, flags, source), word.ToLowerInvariant());
    }

    public void AddAllow(string phrase, EntrySource source)
    {
        phrase = phrase.Trim();
        if (!CheckWord(phrase, EntryFlags.Single, "allow-list phrase", source)) return;
        Add(new LexiconEntry(entries.Count, EntryKind.Allow, phrase, "allow", Severity.Info, EntryFlags.None, source), phrase.ToLowerInvariant());
    }

    /// <summary>Adds the two-term rule <c>first &amp; second</c> within <paramref name="window"/> characters.</summary>
    public void AddCooccurrence(string first, string second, int window, string category, Severity severity, EntryFlags flags, EntrySource source) =>
        AddRule([[first], [second]], [], window, category, severity, flags, source);

    /// <summary>
    /// Adds a co-occurrence rule: every group of <paramref name="groups"/> must occur (any one of its alternatives)
    /// with at most <paramref name="window"/> characters between the terms, and no term of
    /// <paramref name="excluded"/> within <paramref name="window"/> characters of them. Limits and checks:
    /// data/lexicon/README.md (<c>lexicon.cooccurrence</c>).
    /// </summary>
    public void AddRule(IReadOnlyList<IReadOnlyList<string>> groups, IReadOnlyList<string> excluded, int window, string category, Severity severity,
        EntryFlags flags, EntrySource source)
    {
        var required = groups.Select(g => g.Select(t => t.Trim()).ToList()).ToList();
        var without = excluded.Select(t => t.Trim()).ToList();
        if (!CheckRuleShape(required, without, window, source) || !CheckCategory(category, source)) return;
        foreach (string term in required.SelectMany(g => g).Concat(without))
        {
            if (!CheckWord(term, flags, "co-occurrence term", source, "(and with it the rule)")) return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string term in required.SelectMany(g => g).Concat(without))
        {
            if (!seen.Add(term))
            {
                Error("lexicon.cooccurrence", $"The term \"{term}\" appears twice in the rule; each term may appear once (use a word entry for a single term).", source);
                return;
            }
        }

        var entry = new LexiconEntry(entries.Count, EntryKind.Cooccurrence, CanonicalRule(required, without), category, severity, flags, source)
        {
            Groups = required,
            Excluded = without,
            Window = window,
        };
        Add(entry, "&" + entry.Text.ToLowerInvariant());
    }

    public void AddRegex(string pattern, string category, Severity severity, TimeSpan? timeout, EntrySource source)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            Error("lexicon.empty", "The regular expression is empty.", source);
            return;
        }

        if (!CheckCategory(category, source)) return;
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, timeout ?? DefaultRegexTimeout);
        }
        catch (ArgumentException e)
        {
            Error("lexicon.regex", $"Invalid regular expression /{pattern}/: {e.Message}", source);
            return;
        }

        if (regex.IsMatch(string.Empty))
        {
            Error("lexicon.regex", $"The regular expression /{pattern}/ matches the empty string, so it would match everywhere.", source);
            return;
        }

        Add(new LexiconEntry(entries.Count, EntryKind.Regex, pattern, category, severity, EntryFlags.None, source) { Pattern = regex }, "/" + pattern);
    }

    /// <summary>
    /// Issues kept per code and severity. A million-line file repeating one mistake would otherwise hold a million
    /// messages; the rest are counted into one closing issue (<see cref="LexiconIssue.Omitted"/>).
    /// </summary>
    public const int MaxIssuesPerCode = 1000;

    /// <summary>Errors reported so far, listed or not: any makes <see cref="Build"/> fail.</summary>
    public int ErrorCount { get; private set; }

    public void Error(string code, string message, EntrySource source) => Report(Severity.Error, code, message, source);

    public void Warning(string code, string message, EntrySource source) => Report(Severity.Warning, code, message, source);

    /// <summary>
    /// Validates what was added and, when there is no error, builds the lexicon (its matchers are built on first use,
    /// see <see cref="Lexicon.MatcherFor"/>). The version is
    /// the declared one(s) joined by <c>+</c>, or a content hash when none was declared. A lexicon with no entry
    /// at all builds (it finds nothing) with a <c>lexicon.no_entries</c> warning.
    /// </summary>
    public LexiconLoadResult Build()
    {
        if (ErrorCount > 0) return new LexiconLoadResult(null, WithOmitted());
        if (entries.Count == 0) Warning("lexicon.no_entries", "The lexicon has no entries (empty files, or every line skipped): it will find nothing.", new EntrySource(issues.Count > 0 ? issues[^1].Source.File : "<lexicon>", 0));
        CheckPinyinForms();
        CheckCommonText();
        string version = versions.Count > 0 ? string.Join("+", versions.Distinct()) : ContentHash();
        var all = WithOmitted();
        return new LexiconLoadResult(new Lexicon(version, entries, all), all);
    }

    private readonly Dictionary<(Severity, string), (int Count, EntrySource Last)> issueCounts = [];

    private void Report(Severity severity, string code, string message, EntrySource source)
    {
        if (severity == Severity.Error) ErrorCount++;
        var key = (severity, code);
        int count = issueCounts.GetValueOrDefault(key).Count + 1;
        issueCounts[key] = (count, source);
        if (count <= MaxIssuesPerCode) issues.Add(new LexiconIssue(severity, code, message, source));
    }

    /// <summary>The kept issues, then one per code and severity that had more than the kept number.</summary>
    private List<LexiconIssue> WithOmitted()
    {
        var all = new List<LexiconIssue>(issues);
        foreach (var ((severity, code), (count, last)) in issueCounts)
        {
            if (count <= MaxIssuesPerCode) continue;
            int omitted = count - MaxIssuesPerCode;
            string kind = severity.ToString().ToLowerInvariant();
            all.Add(new LexiconIssue(severity, code, $"{omitted:N0} more {code} {kind}s like those above are not listed (the first {MaxIssuesPerCode} of each kind are kept); the last is here.", last)
            {
                Omitted = omitted,
            });
        }

        return all;
    }

    private void Add(LexiconEntry entry, string key)
    {
        if (!byKey.TryGetValue(key, out int existingId))
        {
            byKey.Add(key, entry.Id);
            entries.Add(entry);
            return;
        }

        var existing = entries[existingId];
        if (existing.Kind != entry.Kind)
        {
            Error("lexicon.conflict", $"\"{entry.Text}\" is both {Describe(existing)} ({existing.Source}) and {Describe(entry)}.", entry.Source);
        }
        else if (existing.Category != entry.Category)
        {
            Error("lexicon.conflict", $"\"{entry.Text}\" is {existing.Category} at {existing.Source} but {entry.Category} here; keep one.", entry.Source);
        }
        else
        {
            string severity = existing.Severity == entry.Severity ? "" : $" (its severity {entry.Severity} is ignored; {existing.Severity} stays)";
            Warning("lexicon.duplicate", $"\"{entry.Text}\" repeats {existing.Source}; the first one is kept{severity}.", entry.Source);
        }
    }

    private static string Describe(LexiconEntry entry) => entry.Kind == EntryKind.Allow ? "an allow-list phrase" : "a blocked " + entry.Kind.ToString().ToLowerInvariant();

    private bool CheckWord(string word, EntryFlags flags, string what, EntrySource source, string alsoSkipped = "")
    {
        if (word.Length == 0)
        {
            Error("lexicon.empty", $"The {what} is empty.", source);
            return false;
        }

        if (word.Contains('\t') || word.Contains('\n') || word.Contains('\r'))
        {
            Error("lexicon.syntax", $"The {what} \"{word}\" contains a tab or line break.", source);
            return false;
        }

        bool oneCharacter = word.Length == 1 || (word.Length == 2 && char.IsSurrogatePair(word[0], word[1]));
        if (oneCharacter && (flags & EntryFlags.Single) == 0)
        {
            string skipped = alsoSkipped.Length == 0 ? "is skipped" : $"is skipped {alsoSkipped}";
            Warning("lexicon.single_char", $"The one-character {what} \"{word}\" {skipped}: it would fire inside countless ordinary words. Mark it `single` to keep it.", source);
            return false;
        }

        return true;
    }

    /// <summary>Most required groups, alternatives per group and excluded terms a rule may have; the widest window.</summary>
    public const int MaxRuleGroups = 8, MaxRuleAlternatives = 16, MaxRuleExcluded = 16, MaxRuleWindow = 10_000;

    private bool CheckRuleShape(List<List<string>> required, List<string> excluded, int window, EntrySource source)
    {
        string? problem = null;
        if (required.Count == 0) problem = "\"all\" needs at least one term.";
        else if (required.Count == 1 && excluded.Count == 0) problem = "A rule needs two or more groups in \"all\", or one and some \"none\" terms; for a single term use a word entry.";
        else if (required.Count > MaxRuleGroups) problem = $"A rule may have at most {MaxRuleGroups} groups in \"all\", not {required.Count}.";
        else if (required.Find(g => g.Count == 0) is not null) problem = "An alternative group in \"all\" is empty.";
        else if (required.Find(g => g.Count > MaxRuleAlternatives) is { } wide) problem = $"A group may have at most {MaxRuleAlternatives} alternatives, not {wide.Count}.";
        else if (excluded.Count > MaxRuleExcluded) problem = $"\"none\" may have at most {MaxRuleExcluded} terms, not {excluded.Count}.";
        else if (window is < 0 or > MaxRuleWindow) problem = $"The window must be 0 to {MaxRuleWindow} characters, not {window}.";
        if (problem is null) return true;
        Error("lexicon.cooccurrence", problem, source);
        return false;
    }

    /// <summary>The rule's identity: alternatives and groups sorted, excluded terms sorted after <c>!</c>; <c>A&amp;B</c> = <c>B&amp;A</c>.</summary>
    private static string CanonicalRule(List<List<string>> required, List<string> excluded)
    {
        var groups = required.Select(g =>
        {
            var sorted = g.Order(StringComparer.Ordinal).ToList();
            return sorted.Count == 1 ? sorted[0] : "(" + string.Join("|", sorted) + ")";
        }).Order(StringComparer.Ordinal);
        return string.Join("&", groups.Concat(excluded.Order(StringComparer.Ordinal).Select(t => "!" + t)));
    }

    private bool CheckCategory(string category, EntrySource source)
    {
        if (CategoryCodes.IsKnown(category)) return true;
        Error("lexicon.category", $"Unknown category \"{category}\" (see the taxonomy: mod.porn, mod.gambling, ai.sexual, …).", source);
        return false;
    }

    private void CheckPinyinForms()
    {
        foreach (var entry in entries)
        {
            if (entry.Kind is not (EntryKind.Word or EntryKind.Cooccurrence) || (entry.Flags & (EntryFlags.Pinyin | EntryFlags.Initials)) == 0) continue;
            // A rule's terms each get their forms; the rule is reported by its canonical text.
            IEnumerable<string> spellings = entry.Kind == EntryKind.Word ? [entry.Text] : entry.Groups.SelectMany(g => g).Concat(entry.Excluded);
            bool anyForm = false;
            foreach (string spelling in spellings)
            {
                var forms = PinyinForms.Of(spelling, entry.Flags, out bool capped);
                anyForm |= forms.Count > 0;
                if (capped)
                {
                    Warning("lexicon.pinyin", $"\"{spelling}\" has more pinyin forms than the cap of {PinyinForms.MaxFormsPerEntry}; the first are matched (full pinyin and initials in every reading first, then mixed forms; see data/lexicon/README.md).", entry.Source);
                }
            }

            if (!anyForm)
            {
                Warning("lexicon.pinyin", $"\"{entry.Text}\" is flagged pinyin/initials but has no character with a Mandarin reading; the flag does nothing.", entry.Source);
            }
        }
    }

    /// <summary>
    /// Warns about words that fire inside a common phrase, exactly as the lower-case matcher would match them there
    /// (pinyin forms, allow-list phrases and all), without building that matcher over the whole library: only an
    /// entry with a key inside some common phrase can take part, so a matcher over those few decides.
    /// </summary>
    private void CheckCommonText()
    {
        var phrases = CommonWords.All.Select(Lexicon.DefaultKey).ToList();
        var inside = CommonSubstrings(phrases, out int longest);
        var lookup = inside.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> lower = stackalloc char[longest];
        var candidates = new List<LexiconEntry>();
        foreach (var entry in entries)
        {
            if (entry.Kind is not (EntryKind.Word or EntryKind.Allow)) continue;
            // Lower-cased in place (no string per entry): a key longer than every phrase cannot be inside one.
            bool candidate = entry.Text.Length <= longest && lookup.Contains(LowerCased(entry.Text, lower));
            if (!candidate && entry.Kind == EntryKind.Word && (entry.Flags & (EntryFlags.Pinyin | EntryFlags.Initials)) != 0)
            {
                candidate = PinyinForms.Of(entry.Text, entry.Flags).Any(form => inside.Contains(Lexicon.DefaultKey(form.Text)));
            }

            if (candidate)
            {
                // Renumbered so the small matcher's hits index the candidate list; Source still names the entry.
                candidates.Add(entry with { Id = candidates.Count });
            }
        }

        if (candidates.Count == 0) return;
        var matcher = LexiconMatcher.Build(candidates, Lexicon.DefaultKey);
        var warned = new HashSet<int>();
        for (int i = 0; i < phrases.Count; i++)
        {
            foreach (var hit in matcher.Match(phrases[i], MatchMode.All).Matches)
            {
                var candidate = candidates[hit.EntryId];
                if (candidate.Kind == EntryKind.Word && warned.Add(candidate.Id))
                {
                    Warning("lexicon.common_text", $"\"{candidate.Text}\" matches inside the common phrase \"{CommonWords.All[i]}\"; lengthen it or allow-list the phrase.", candidate.Source);
                }
            }
        }
    }

    /// <summary>Every substring of every phrase (a few thousand: the phrases are short), and the longest phrase's length.</summary>
    private static HashSet<string> CommonSubstrings(List<string> phrases, out int longest)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        longest = 0;
        foreach (string phrase in phrases)
        {
            longest = Math.Max(longest, phrase.Length);
            for (int start = 0; start < phrase.Length; start++)
            {
                for (int end = start + 1; end <= phrase.Length; end++) all.Add(phrase[start..end]);
            }
        }

        return all;
    }

    private static ReadOnlySpan<char> LowerCased(string text, Span<char> buffer)
    {
        var lower = buffer[..text.Length];
        InvariantLowerCase.Apply(text, lower);
        return lower;
    }

    private string ContentHash()
    {
        // One reused buffer: hashing a million entries must not allocate a string per entry.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1024];
        foreach (var entry in entries)
        {
            int needed = Encoding.UTF8.GetMaxByteCount(entry.Text.Length + entry.Category.Length) + 32;
            if (needed > buffer.Length) buffer = new byte[needed];
            int length = 0;
            buffer[length++] = (byte)entry.Kind;
            length += Encoding.UTF8.GetBytes(entry.Text, buffer.AsSpan(length));
            buffer[length++] = (byte)'\t';
            length += Encoding.UTF8.GetBytes(entry.Category, buffer.AsSpan(length));
            buffer[length++] = (byte)'\t';
            buffer[length++] = (byte)entry.Severity;
            buffer[length++] = (byte)entry.Flags;
            BitConverter.TryWriteBytes(buffer.AsSpan(length), entry.Window);
            length += sizeof(int);
            buffer[length++] = (byte)'\n';
            hash.AppendData(buffer, 0, length);
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
