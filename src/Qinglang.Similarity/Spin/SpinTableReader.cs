namespace Qinglang.Similarity.Spin;

/// <summary>
/// Reads spin tables: UTF-8 text, one substitution per line, <c>variant TAB canonical</c>, optionally a third
/// tab-separated column of notes; blank lines and lines starting with <c>#</c> are skipped.
/// </summary>
public static class SpinTableReader
{
    /// <summary>Longest line accepted; a longer one is not a table line (a wrong file), so reading stops with an error.</summary>
    public const int MaxLineLength = 4096;

    public static IReadOnlyList<SubstitutionPair> Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var pairs = new List<SubstitutionPair>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length > MaxLineLength)
            {
                throw new SpinTableException($"{sourceName}:{lineNumber}: line longer than {MaxLineLength} characters; not a spin table.");
            }

            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var fields = trimmed.Split('\t');
            if (fields.Length < 2 || fields[0].Trim().Length == 0 || fields[1].Trim().Length == 0)
            {
                throw new SpinTableException($"{sourceName}:{lineNumber}: expected 'variant<TAB>canonical', got '{Shorten(trimmed)}'.");
            }

            pairs.Add(new SubstitutionPair(fields[0].Trim(), fields[1].Trim()));
        }

        return pairs;
    }

    public static IReadOnlyList<SubstitutionPair> ReadFile(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>Writes <paramref name="pairs"/> in the table format (for a user table grown by <see cref="SubstitutionLearner"/>).</summary>
    public static void Write(TextWriter writer, IEnumerable<SubstitutionPair> pairs, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var pair in pairs)
        {
            writer.Write(pair.Variant);
            writer.Write('\t');
            writer.Write(pair.Canonical);
            if (note is not null)
            {
                writer.Write('\t');
                writer.Write(note);
            }

            writer.Write('\n');
        }
    }

    private static string Shorten(string line) => line.Length <= 40 ? line : line[..40] + "…";
}
