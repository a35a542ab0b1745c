using System.Text.Json;

namespace Qinglang.Text.Lexicons;

/// <summary>
/// Reads the rich format: one JSON object per line (blank lines and lines starting with <c>#</c> are skipped).
/// An object is exactly one of <c>{"version"}</c>, <c>{"word"}</c>, <c>{"allow"}</c>,
/// <c>{"all":[a,[b,c],…],"none":[d,…],"within":n}</c> (a co-occurrence rule: a and (b or c) within n characters,
/// unless d is near) or <c>{"regex"}</c>, with optional <c>category</c>, <c>severity</c>, <c>flags</c>,
/// <c>timeout_ms</c> (regex) and <c>note</c>. Unknown fields are errors, so a misspelt field cannot silently change what an entry does.
/// </summary>
public static class JsonLinesLexiconReader
{
    private static readonly HashSet<string> KnownFields =
        ["version", "word", "allow", "all", "none", "within", "regex", "category", "severity", "flags", "timeout_ms", "note"];

    private static readonly string[] KindFields = ["version", "word", "allow", "all", "regex"];

    public static void Read(TextReader reader, string sourceName, LexiconBuilder builder)
    {
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var source = new EntrySource(sourceName, lineNumber);
            if (lineNumber == 1) line = line.TrimStart('\uFEFF');
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    builder.Error("lexicon.syntax", "Expected a JSON object on this line.", source);
                    continue;
                }

                ReadObject(document.RootElement, builder, source);
            }
            catch (JsonException e)
            {
                builder.Error("lexicon.syntax", $"Not valid JSON: {e.Message}", source);
            }
        }
    }

    private static void ReadObject(JsonElement obj, LexiconBuilder builder, EntrySource source)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name))
            {
                builder.Error("lexicon.syntax", $"Unknown field \"{property.Name}\" (known: {string.Join(", ", KnownFields)}).", source);
                return;
            }
        }

        var kinds = KindFields.Where(k => obj.TryGetProperty(k, out _)).ToList();
        if (kinds.Count != 1)
        {
            builder.Error("lexicon.syntax", $"A line needs exactly one of {string.Join(", ", KindFields)}; found {(kinds.Count == 0 ? "none" : string.Join(", ", kinds))}.", source);
            return;
        }

        foreach (string ruleOnly in (string[])["none", "within"])
        {
            if (kinds[0] != "all" && obj.TryGetProperty(ruleOnly, out _))
            {
                builder.Error("lexicon.syntax", $"\"{ruleOnly}\" belongs to a co-occurrence rule (\"all\"), not to a {kinds[0]} line.", source);
                return;
            }
        }

        if (!TryString(obj, "category", EntryFields.DefaultCategory, builder, source, out string category)) return;
        var severity = EntryFields.DefaultSeverity;
        if (obj.TryGetProperty("severity", out var severityElement)
            && (severityElement.ValueKind != JsonValueKind.String || !EntryFields.TryParseSeverity(severityElement.GetString()!, out severity)))
        {
            builder.Error("lexicon.severity", $"Unknown severity {severityElement.GetRawText()} (\"info\", \"warning\" or \"error\").", source);
            return;
        }

        if (!TryFlags(obj, builder, source, out var flags)) return;
        switch (kinds[0])
        {
            case "version":
                if (TryString(obj, "version", "", builder, source, out string version)) builder.AddVersion(version, source);
                break;
            case "word":
                if (TryString(obj, "word", "", builder, source, out string word)) builder.AddWord(word, category, severity, flags, source);
                break;
            case "allow":
                if (TryString(obj, "allow", "", builder, source, out string phrase)) builder.AddAllow(phrase, source);
                break;
            case "all":
                ReadCooccurrence(obj, category, severity, flags, builder, source);
                break;
            case "regex":
                ReadRegex(obj, category, severity, builder, source);
                break;
        }
    }

    private static void ReadCooccurrence(JsonElement obj, string category, Core.Severity severity, EntryFlags flags, LexiconBuilder builder, EntrySource source)
    {
        var all = obj.GetProperty("all");
        var groups = new List<IReadOnlyList<string>>();
        if (all.ValueKind != JsonValueKind.Array)
        {
            builder.Error("lexicon.cooccurrence", "\"all\" must be an array of terms (strings) and alternative groups (arrays of strings).", source);
            return;
        }

        int position = 0;
        foreach (var item in all.EnumerateArray())
        {
            position++;
            List<string>? group = item.ValueKind == JsonValueKind.String ? [item.GetString()!] : Strings(item);
            if (group is null)
            {
                builder.Error("lexicon.cooccurrence", $"Item {position} of \"all\" must be a string or an array of strings (alternatives), not {item.GetRawText()}.", source);
                return;
            }

            groups.Add(group);
        }

        List<string> excluded = [];
        if (obj.TryGetProperty("none", out var none))
        {
            if (Strings(none) is not { } names)
            {
                builder.Error("lexicon.cooccurrence", "\"none\" must be an array of strings: terms that must not occur within the window.", source);
                return;
            }

            excluded = names;
        }

        if (!obj.TryGetProperty("within", out var within) || !within.TryGetInt32(out int window))
        {
            builder.Error("lexicon.cooccurrence", "A co-occurrence rule needs \"within\": the most characters allowed between its terms (a whole number).", source);
            return;
        }

        builder.AddRule(groups, excluded, window, category, severity, flags, source);
    }

    /// <summary>The strings of a JSON array of strings, or null when it is not one.</summary>
    private static List<string>? Strings(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array) return null;
        var strings = new List<string>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) return null;
            strings.Add(item.GetString()!);
        }

        return strings;
    }

    private static void ReadRegex(JsonElement obj, string category, Core.Severity severity, LexiconBuilder builder, EntrySource source)
    {
        if (!TryString(obj, "regex", "", builder, source, out string pattern)) return;
        TimeSpan? timeout = null;
        if (obj.TryGetProperty("timeout_ms", out var timeoutElement))
        {
            if (!timeoutElement.TryGetInt32(out int ms) || ms <= 0 || ms > 60_000)
            {
                builder.Error("lexicon.regex", "\"timeout_ms\" must be a whole number of milliseconds from 1 to 60000.", source);
                return;
            }

            timeout = TimeSpan.FromMilliseconds(ms);
        }

        builder.AddRegex(pattern, category, severity, timeout, source);
    }

    private static bool TryString(JsonElement obj, string name, string fallback, LexiconBuilder builder, EntrySource source, out string value)
    {
        value = fallback;
        if (!obj.TryGetProperty(name, out var element)) return true;
        if (element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString()!;
            return true;
        }

        builder.Error("lexicon.syntax", $"\"{name}\" must be a string, not {element.ValueKind.ToString().ToLowerInvariant()}.", source);
        return false;
    }

    private static bool TryFlags(JsonElement obj, LexiconBuilder builder, EntrySource source, out EntryFlags flags)
    {
        flags = EntryFlags.None;
        if (!obj.TryGetProperty("flags", out var element)) return true;
        IEnumerable<string>? names = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString()!.Split(','),
            JsonValueKind.Array when element.EnumerateArray().All(f => f.ValueKind == JsonValueKind.String) =>
                element.EnumerateArray().Select(f => f.GetString()!).ToList(),
            _ => null,
        };
        if (names is null)
        {
            builder.Error("lexicon.flag", "\"flags\" must be an array of strings (or one comma-separated string).", source);
            return false;
        }

        int errorsBefore = builder.ErrorCount;
        flags = EntryFields.ParseFlags(names, builder, source);
        return builder.ErrorCount == errorsBefore;
    }
}
