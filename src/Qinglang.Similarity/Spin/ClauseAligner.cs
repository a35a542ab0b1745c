namespace Qinglang.Similarity.Spin;

/// <summary>
/// Aligns one spun clause with the original clause it came from, undoing a rotation (the spinner's habit of moving
/// the tail of a clause to its front): every rotation of the spun clause is tried and the one with the longest
/// common subsequence kept. The aligned positions then cut both clauses into differing segments between anchors
/// (runs of at least two agreeing characters).
/// </summary>
internal static class ClauseAligner
{
    /// <summary>Longest clause (characters) aligned; longer ones cost too much for rotation search and are skipped.</summary>
    public const int MaxClauseLength = 96;

    /// <summary>The differing (original, spun) segment pairs of the best rotation; both sides non-empty.</summary>
    public static List<(string Original, string Spun)> DifferingSegments(string original, string spun)
    {
        var segments = new List<(string, string)>();
        if (original.Length == 0 || spun.Length == 0 || original.Length > MaxClauseLength || spun.Length > MaxClauseLength)
        {
            return segments;
        }

        var table = new int[original.Length + 1, spun.Length + 1];
        var bestRotation = 0;
        var bestLength = -1;
        for (var rotation = 0; rotation < spun.Length; rotation++)
        {
            var length = Lcs(original, Rotate(spun, rotation), table);
            if (length > bestLength)
            {
                bestLength = length;
                bestRotation = rotation;
            }
        }

        var rotated = Rotate(spun, bestRotation);
        Lcs(original, rotated, table);
        var matches = Traceback(original, rotated, table);
        CollectSegments(original, rotated, matches, segments);
        return segments;
    }

    private static string Rotate(string text, int rotation) => rotation == 0 ? text : string.Concat(text.AsSpan(rotation), text.AsSpan(0, rotation));

    private static int Lcs(string a, string b, int[,] table)
    {
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                table[i, j] = a[i] == b[j] ? table[i + 1, j + 1] + 1 : Math.Max(table[i + 1, j], table[i, j + 1]);
            }
        }

        return table[0, 0];
    }

    private static List<(int A, int B)> Traceback(string a, string b, int[,] table)
    {
        var matches = new List<(int, int)>();
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                matches.Add((i++, j++));
            }
            else if (table[i + 1, j] >= table[i, j + 1])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return matches;
    }

    /// <summary>
    /// Anchors are runs of ≥ 2 consecutive matches; between two anchors (or an anchor and a clause end) lies one
    /// segment per side. Isolated single matches inside a segment stay part of it (提供 / 供给 share 供).
    /// </summary>
    private static void CollectSegments(string a, string b, List<(int A, int B)> matches, List<(string, string)> segments)
    {
        var anchored = new bool[matches.Count];
        for (var k = 0; k + 1 < matches.Count; k++)
        {
            if (matches[k + 1].A == matches[k].A + 1 && matches[k + 1].B == matches[k].B + 1)
            {
                anchored[k] = true;
                anchored[k + 1] = true;
            }
        }

        int previousA = 0, previousB = 0;
        for (var k = 0; k <= matches.Count; k++)
        {
            if (k < matches.Count && !anchored[k])
            {
                continue;
            }

            var (endA, endB) = k < matches.Count ? matches[k] : (a.Length, b.Length);
            if (endA == previousA + 1 && endB == previousB + 1)
            {
                // One character each side is usually half of a two-character word (部门 / 部分, 应当 / 该当): offer the
                // word with the shared character before and the one after; over many clauses only the right one recurs.
                if (previousA > 0 && previousB > 0)
                {
                    segments.Add((a[(previousA - 1)..endA], b[(previousB - 1)..endB]));
                }

                if (endA < a.Length && endB < b.Length)
                {
                    segments.Add((a[previousA..(endA + 1)], b[previousB..(endB + 1)]));
                }
            }
            else if (endA > previousA && endB > previousB)
            {
                segments.Add((a[previousA..endA], b[previousB..endB]));
            }

            if (k < matches.Count)
            {
                previousA = endA + 1;
                previousB = endB + 1;
            }
        }
    }
}
