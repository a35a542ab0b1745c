using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Qinglang.Text.Normalization;

/// <summary>
/// The committed tables of data/unihan/ (embedded in this assembly), each parsed once on first use. They are the
/// raw material of <see cref="CharMap"/>; nothing on the hot path reads them.
/// </summary>
internal static class UnicodeTables
{
    private static readonly Lazy<Dictionary<int, (bool Width, int[] Target)>> LazyFold = new(LoadFold);
    private static readonly Lazy<Dictionary<int, int>> LazyHomoglyphs = new(LoadHomoglyphs);
    private static readonly Lazy<Dictionary<int, int>> LazyTraditionalToSimplified = new(LoadTraditionalToSimplified);
    private static readonly Lazy<Dictionary<string, (int First, int Last)[]>> LazyProperties = new(LoadProperties);

    /// <summary>Compatibility folds: <c>Width</c> marks &lt;wide&gt;/&lt;narrow&gt; ones; an empty target drops the character.</summary>
    public static Dictionary<int, (bool Width, int[] Target)> Fold => LazyFold.Value;

    public static Dictionary<int, int> Homoglyphs => LazyHomoglyphs.Value;

    public static Dictionary<int, int> TraditionalToSimplified => LazyTraditionalToSimplified.Value;

    public static (int First, int Last)[] Ignorable => LazyProperties.Value["ignorable"];

    public static (int First, int Last)[] Pictographic => LazyProperties.Value["pictographic"];

    public static (int First, int Last)[] RegionalIndicator => LazyProperties.Value["regional"];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Contains((int First, int Last)[] ranges, int codePoint)
    {
        int low = 0, high = ranges.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >> 1;
            if (codePoint < ranges[middle].First)
            {
                high = middle - 1;
            }
            else if (codePoint > ranges[middle].Last)
            {
                low = middle + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The data lines of an embedded table: comments (#) and blank lines skipped.</summary>
    internal static IEnumerable<string> Lines(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Qinglang.Text.Unihan.{name}")
            ?? throw new InvalidOperationException($"embedded table {name} is missing from Qinglang.Text");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                yield return line;
            }
        }
    }

    private static int Hex(ReadOnlySpan<char> hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static Dictionary<int, (bool Width, int[] Target)> LoadFold()
    {
        var fold = new Dictionary<int, (bool Width, int[] Target)>();
        foreach (var line in Lines("fold.txt"))
        {
            var fields = line.Split('\t');
            var target = fields[2].Length == 0 ? [] : Array.ConvertAll(fields[2].Split(' '), t => Hex(t));
            fold[Hex(fields[0])] = (fields[1] == "w", target);
        }

        return fold;
    }

    private static Dictionary<int, int> LoadHomoglyphs()
    {
        var homoglyphs = new Dictionary<int, int>();
        foreach (var line in Lines("homoglyphs.txt"))
        {
            var fields = line.Split('\t');
            homoglyphs[Hex(fields[0])] = char.ConvertToUtf32(fields[1], 0);
        }

        return homoglyphs;
    }

    private static Dictionary<int, int> LoadTraditionalToSimplified()
    {
        var map = new Dictionary<int, int>();
        foreach (var line in Lines("t2s.txt"))
        {
            var traditional = char.ConvertToUtf32(line, 0);
            map[traditional] = char.ConvertToUtf32(line, char.IsSurrogatePair(line, 0) ? 2 : 1);
        }

        return map;
    }

    private static Dictionary<string, (int First, int Last)[]> LoadProperties()
    {
        var ranges = new Dictionary<string, List<(int First, int Last)>>();
        foreach (var line in Lines("properties.txt"))
        {
            var fields = line.Split('\t');
            var bounds = fields[1].Split("..");
            if (!ranges.TryGetValue(fields[0], out var list))
            {
                ranges[fields[0]] = list = [];
            }

            list.Add((Hex(bounds[0]), Hex(bounds[1])));
        }

        return ranges.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
    }
}
