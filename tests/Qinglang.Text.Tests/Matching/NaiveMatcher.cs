namespace Qinglang.Text.Tests.Matching;

/// <summary>The obviously correct reference: every key tried at every position.</summary>
internal static class NaiveMatcher
{
    public static List<(int Start, int End, int Key)> All(string text, IReadOnlyList<string> keys)
    {
        var hits = new List<(int, int, int)>();
        for (int i = 0; i < text.Length; i++)
        {
            for (int k = 0; k < keys.Count; k++)
            {
                if (string.CompareOrdinal(text, i, keys[k], 0, keys[k].Length) == 0 && i + keys[k].Length <= text.Length)
                {
                    hits.Add((i, i + keys[k].Length, k));
                }
            }
        }

        return hits;
    }

    /// <summary>Leftmost-longest: at each position the longest key starting there, then continue after it.</summary>
    public static List<(int Start, int End, int Key)> Longest(string text, IReadOnlyList<string> keys)
    {
        var hits = new List<(int, int, int)>();
        int i = 0;
        while (i < text.Length)
        {
            int best = -1;
            for (int k = 0; k < keys.Count; k++)
            {
                if (i + keys[k].Length <= text.Length && string.CompareOrdinal(text, i, keys[k], 0, keys[k].Length) == 0
                    && (best < 0 || keys[k].Length > keys[best].Length)) best = k;
            }

            if (best < 0) i++;
            else
            {
                hits.Add((i, i + keys[best].Length, best));
                i += keys[best].Length;
            }
        }

        return hits;
    }
}
