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

    public void AddCooccurrence(string first, string second, int window, string category, Severity severity, EntryFlags flags, EntrySource source)
    {
        first = first.Trim();
        second = second.Trim();
        if (!CheckWord(first, flags, "co-occurrence term", source) || !CheckWord(second, flags, "co-occurrence term", source)
            || !CheckCategory(category, source)) return;
        if (string.Equals(first, second, StringComparison.OrdinalIgnoreCase))
        {
            Error("lexicon.cooccurrence", $"The two terms are the same (\"{first}\"); use a word entry instead.", source);
            return;
        }

        if (window < 0)
        {
            Error("lexicon.cooccurrence", $"The window must be 0 or more characters, not {window}.", source);
            return;
        }

        // Order-independent identity: A&B and B&A are the same rule.
        string[] terms = string.CompareOrdinal(first, second) <= 0 ? [first, second] : [second, first];
        var entry = new LexiconEntry(entries.Count, EntryKind.Cooccurrence, string.Join("&", terms), category, severity, flags, source)
        {
            Terms = [first, second],
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

    public void Error(string code, string message, EntrySource source) => issues.Add(new LexiconIssue(Severity.Error, code, message, source));

    public void Warning(string code, string message, EntrySource source) => issues.Add(new LexiconIssue(Severity.Warning, code, message, source));

    /// <summary>
    /// Validates what was added and, when there is no error, builds the lexicon (and its matcher). The version is
    /// the declared one(s) joined by <c>+</c>, or a content hash when none was declared.
    /// </summary>
    public LexiconLoadResult Build()
    {
        if (issues.Exists(i => i.Severity == Severity.Error)) return new LexiconLoadResult(null, issues);
        CheckPinyinForms();
        var matcher = LexiconMatcher.Build(entries, Lexicon.DefaultKey);
        CheckCommonText(matcher);
        string version = versions.Count > 0 ? string.Join("+", versions.Distinct()) : ContentHash();
        return new LexiconLoadResult(new Lexicon(version, entries, issues, matcher), issues);
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

    private bool CheckWord(string word, EntryFlags flags, string what, EntrySource source)
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
            Warning("lexicon.single_char", $"The one-character {what} \"{word}\" is skipped: it would fire inside countless ordinary words. Mark it `single` to keep it.", source);
            return false;
        }

        return true;
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
            if (entry.Kind != EntryKind.Word || (entry.Flags & (EntryFlags.Pinyin | EntryFlags.Initials)) == 0) continue;
            var forms = PinyinForms.Of(entry.Text, entry.Flags, out bool capped);
            if (forms.Count == 0)
            {
                Warning("lexicon.pinyin", $"\"{entry.Text}\" is flagged pinyin/initials but has no character with a Mandarin reading; the flag does nothing.", entry.Source);
            }
            else if (capped)
            {
                Warning("lexicon.pinyin", $"\"{entry.Text}\" has more pinyin forms than the cap of {PinyinForms.MaxFormsPerEntry}; only the full pinyin, the initials and the first mixed forms are matched.", entry.Source);
            }
        }
    }

    private void CheckCommonText(LexiconMatcher matcher)
    {
        var warned = new HashSet<int>();
        foreach (string common in CommonWords.All)
        {
            foreach (var hit in matcher.Match(Lexicon.DefaultKey(common), MatchMode.All).Matches)
            {
                var entry = entries[hit.EntryId];
                if (entry.Kind == EntryKind.Word && warned.Add(entry.Id))
                {
                    Warning("lexicon.common_text", $"\"{entry.Text}\" matches inside the common phrase \"{common}\"; lengthen it or allow-list the phrase.", entry.Source);
                }
            }
        }
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
