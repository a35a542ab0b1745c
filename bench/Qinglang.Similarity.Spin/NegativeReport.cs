namespace Qinglang.Similarity.Spin.Bench;

/// <summary>Lists the negative pairs the scorer matched at one setting, so a reader can judge whether they are real overlaps.</summary>
internal static class NegativeReport
{
    public static void Print(Fingerprint[] originals, Fingerprint[] variants, List<CleanDocument> documents, bool[,] related, SimilarityScorer scorer, int limit)
    {
        var matched = new List<(double Score, int I, int J, SimilarityScore Detail)>();
        for (var i = 0; i < originals.Length; i++)
        {
            for (var j = 0; j < variants.Length; j++)
            {
                if (i != j && scorer.Compare(originals[i], variants[j]) is { IsMatch: true } score)
                {
                    matched.Add((score.Score, i, j, score));
                }
            }
        }

        Console.WriteLine("| original | variant of | kind | Jaccard | containment (shorter in longer) | related (clean texts overlap) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (_, i, j, detail) in matched.OrderByDescending(m => m.Score).Take(limit))
        {
            var containment = Math.Max(detail.ContainmentAInB, detail.ContainmentBInA);
            Console.WriteLine($"| {Begin(documents[i])} | {Begin(documents[j])} | {detail.Kind} | {detail.Jaccard:0.00} | {containment:0.00} | {(related[i, j] ? "yes" : "no")} |");
        }

        Console.WriteLine($"\n{matched.Count} matched negative pairs in all.");
    }

    private static string Begin(CleanDocument document) =>
        $"{document.Source}: {(document.Text.Length <= 24 ? document.Text : document.Text[..24] + "…")} ({document.Text.Length} chars)";
}
