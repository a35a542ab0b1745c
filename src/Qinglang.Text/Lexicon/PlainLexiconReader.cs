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

            string[] fields = line.Split('\t');
            if (fields.Length > 4)
            {
                builder.Error("lexicon.syntax", $"Expected at most 4 tab-separated fields (word, category, severity, flags), found {fields.Length}.", source);
                continue;
            }

            string word = fields[0].Trim();
            string category = fields.Length > 1 && fields[1].Trim().Length > 0 ? fields[1].Trim() : defaultCategory;
            var severity = EntryFields.DefaultSeverity;
            if (fields.Length > 2 && fields[2].Trim().Length > 0 && !EntryFields.TryParseSeverity(fields[2], out severity))
            {
                builder.Error("lexicon.severity", $"Unknown severity \"{fields[2].Trim()}\" (info, warning or error).", source);
                continue;
            }

            var flags = fields.Length > 3 ? EntryFields.ParseFlags(fields[3].Split(','), builder, source) : EntryFlags.None;
            if (category == "allow") builder.AddAllow(word, source);
            else builder.AddWord(word, category, severity, flags, source);
        }
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
