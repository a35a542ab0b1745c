using System.Diagnostics;
using System.Globalization;

namespace UnihanTables;

/// <summary>The parts of UnicodeData.txt the tables need: decompositions and decimal digit values.</summary>
internal sealed class UnicodeCharacterDatabase
{
    public Dictionary<int, Decomposition> Decompositions { get; } = [];

    public Dictionary<int, int> DecimalDigits { get; } = [];

    public Dictionary<int, string> Categories { get; } = [];

    public static UnicodeCharacterDatabase Load(string unicodeDir)
    {
        var ucd = new UnicodeCharacterDatabase();
        foreach (var line in File.ReadLines(Path.Combine(unicodeDir, "UnicodeData.txt")))
        {
            var fields = line.Split(';');
            var cp = ParseHex(fields[0]);
            ucd.Categories[cp] = fields[2];
            if (fields[5].Length > 0)
            {
                var parts = fields[5].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var tag = parts[0].StartsWith('<') ? parts[0] : null;
                var target = parts.Skip(tag is null ? 0 : 1).Select(ParseHex).ToArray();
                ucd.Decompositions[cp] = new Decomposition(tag, target);
            }

            if (fields[6].Length > 0)
            {
                ucd.DecimalDigits[cp] = int.Parse(fields[6], CultureInfo.InvariantCulture);
            }
        }

        return ucd;
    }

    public static int ParseHex(string hex) =>
        int.Parse(hex.StartsWith("U+", StringComparison.Ordinal) ? hex[2..] : hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>Lines of a Unicode data file, decompressing the .bz2 Unihan files Debian ships with bzcat.</summary>
    public static IEnumerable<string> ReadLines(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadLines(path);
        }

        if (!File.Exists(path + ".bz2"))
        {
            throw new FileNotFoundException($"{path}(.bz2) not found: apt-get install unicode-data");
        }

        var start = new ProcessStartInfo("bzcat", [path + ".bz2"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bzcat did not start");
        var lines = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        process.WaitForExit();
        return lines;
    }

    /// <summary>Code point ranges of a property in a "XXXX..YYYY ; Property" file.</summary>
    public static IEnumerable<(int First, int Last)> PropertyRanges(string path, string property)
    {
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Split('#')[0];
            var fields = line.Split(';');
            if (fields.Length < 2 || fields[1].Trim() != property)
            {
                continue;
            }

            var range = fields[0].Trim().Split("..");
            yield return (ParseHex(range[0]), ParseHex(range.Length > 1 ? range[1] : range[0]));
        }
    }
}

/// <param name="Tag">The compatibility tag (<c>&lt;wide&gt;</c>, <c>&lt;font&gt;</c>…), null for canonical.</param>
internal sealed record Decomposition(string? Tag, int[] Target);
