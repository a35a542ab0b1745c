namespace Qinglang.Similarity.Spin.Bench;

/// <summary>
/// Ground truth for "these two clean texts overlap", independent of the library: plain character 4-grams (no
/// normalization, no spin table), and a pair is related when at least half of the shorter text's 4-grams occur in
/// the longer one. The seeds repeat themselves (seed 000 states its summary twice; the 002 coverage restates
/// articles), so such pairs are real overlaps, not errors.
/// </summary>
internal static class Relatedness
{
    public const double MinContainment = 0.5;

    public static bool[,] Of(List<CleanDocument> documents)
    {
        var grams = documents.Select(d => Grams(d.Text)).ToArray();
        var related = new bool[documents.Count, documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            for (var j = 0; j < documents.Count; j++)
            {
                if (i != j)
                {
                    var (shorter, longer) = grams[i].Count <= grams[j].Count ? (grams[i], grams[j]) : (grams[j], grams[i]);
                    related[i, j] = shorter.Count > 0 && shorter.Count(longer.Contains) >= MinContainment * shorter.Count;
                }
            }
        }

        return related;
    }

    private static HashSet<string> Grams(string text)
    {
        var letters = new string([.. text.Where(char.IsLetterOrDigit)]);
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 4 <= letters.Length; i++)
        {
            set.Add(letters.Substring(i, 4));
        }

        return set;
    }
}
