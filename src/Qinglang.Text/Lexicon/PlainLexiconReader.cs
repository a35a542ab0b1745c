namespace Qinglang.Text.Lexicons;

/// <summary>
/// Reads the plain format: one entry per line, <c>word</c> or <c>word&lt;TAB&gt;category[&lt;TAB&gt;severity[&lt;TAB&gt;flags]]</c>.
/// Lines starting with <c>#</c> are comments; <c># version: X</c> declares the version and <c># category: code</c>
/// sets the category of later lines that name none. The category <c>allow</c> puts the word on the allow-list.
/// </summary>
public static class PlainLexiconReader
{
    public static void Read(TextReader reader, string sourceName, LexiconBuilder builder)
    {
        // Category and severity fields repeat on every line: one string per distinct value, not one per line.
        var names = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        Span<Range> fields = stackalloc Range[5];
        string defaultCategory = EntryFields.DefaultCategory;
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var source = new EntrySource(sourceName, lineNumber);
            if (lineNumber == 1) line = line.TrimStart('\uFEFF');
            string trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (trimmed[0] == '#')
            {
                ReadDirective(trimmed[1..].Trim(), ref defaultCategory, builder, source);
                continue;
            }

            int count = line.AsSpan().Split(fields, '\t');
            if (count > 4)
            {
                builder.Error("lexicon.syntax", $"Expected at most 4 tab-separated fields (word, category, severity, flags), found {line.Split('\t').Length}.", source);
                continue;
            }

            string word = line.AsSpan(fields[0]).Trim().ToString();
            var categoryField = count > 1 ? line.AsSpan(fields[1]).Trim() : [];
            string category = categoryField.IsEmpty ? defaultCategory : Shared(names, categoryField);
            var severity = EntryFields.DefaultSeverity;
            var severityField = count > 2 ? line.AsSpan(fields[2]).Trim() : [];
            if (!severityField.IsEmpty && !EntryFields.TryParseSeverity(Shared(names, severityField), out severity))
            {
                builder.Error("lexicon.severity", $"Unknown severity \"{severityField}\" (info, warning or error).", source);
                continue;
            }

            var flags = count > 3 ? EntryFields.ParseFlags(line[fields[3]].Split(','), builder, source) : EntryFlags.None;
            if (category == "allow") builder.AddAllow(word, source);
            else builder.AddWord(word, category, severity, flags, source);
        }
    }

    private static string Shared(Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> names, ReadOnlySpan<char> text)
    {
        if (names.TryGetValue(text, out var shared)) return shared;
        shared = text.ToString();
        names[text] = shared;
        return shared;
    }

    private static void ReadDirective(string comment, ref string defaultCategory, LexiconBuilder builder, EntrySource source)
    {
        int colon = comment.IndexOf(':');
        if (colon < 0) return;
        string name = comment[..colon].Trim().ToLowerInvariant();
        string value = comment[(colon + 1)..].Trim();
        if (name == "version") builder.AddVersion(value, source);
        else if (name == "category")
        {
            if (Core.CategoryCodes.IsKnown(value)) defaultCategory = value;
            else builder.Error("lexicon.category", $"Unknown category \"{value}\" in the category directive.", source);
        }
    }
}
