using System.Globalization;
using System.Text;

namespace Qinglang.Text.Recall;

/// <summary>Recall of one evasion kind: of the entries the kind applies to, how many were found, and how many exactly.</summary>
/// <param name="Cases">Entry × sentence cases the kind changed something in.</param>
/// <param name="Found">Cases where a finding of the entry's category overlaps the disguised word.</param>
/// <param name="Exact">Cases where such a finding spans exactly the disguised word in the original text.</param>
/// <param name="Misses">A few missed disguised words, to look at.</param>
public sealed record KindRecall(EvasionKind Kind, int Cases, int Found, int Exact, IReadOnlyList<string> Misses)
{
    public double Recall => Cases == 0 ? 1 : (double)Found / Cases;
}

/// <summary>False positives of one detector on the clean corpus.</summary>
public sealed record DetectorFalsePositives(string Detector, int Findings, IReadOnlyList<string> Examples);

/// <summary>What the harness measured, and its Markdown rendering.</summary>
public sealed record RecallReport(int Entries, IReadOnlyList<KindRecall> Kinds, long CleanCharacters, IReadOnlyList<DetectorFalsePositives> FalsePositives)
{
    public int TotalFalsePositives => FalsePositives.Sum(f => f.Findings);

    public double FalsePositivesPer10k(int findings) => CleanCharacters == 0 ? 0 : findings * 10_000.0 / CleanCharacters;

    /// <summary>Kinds whose recall is below <paramref name="threshold"/> (a fraction).</summary>
    public IReadOnlyList<KindRecall> Failing(double threshold) => [.. Kinds.Where(k => k.Cases > 0 && k.Recall < threshold)];

    public string ToMarkdown(double threshold)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"Recall over {Entries} word entries, each in {Sentences.Templates.Count} sentences (threshold {threshold:P0}):");
        md.AppendLine().AppendLine("| evasion | cases | found | recall | exact offsets |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var kind in Kinds)
        {
            md.AppendLine(c, $"| {kind.Kind} | {kind.Cases} | {kind.Found} | {(kind.Cases == 0 ? "n/a" : kind.Recall.ToString("P1", c))} | {kind.Exact} |");
        }

        md.AppendLine().AppendLine(c, $"False positives on {CleanCharacters:N0} characters of clean text:");
        md.AppendLine().AppendLine("| detector | findings | per 10k chars |").AppendLine("|---|---:|---:|");
        foreach (var fp in FalsePositives)
        {
            md.AppendLine(c, $"| {fp.Detector} | {fp.Findings} | {FalsePositivesPer10k(fp.Findings):F2} |");
        }

        md.AppendLine(c, $"| **all** | {TotalFalsePositives} | {FalsePositivesPer10k(TotalFalsePositives):F2} |");
        foreach (var kind in Kinds.Where(k => k.Misses.Count > 0))
        {
            md.AppendLine().AppendLine(c, $"Missed ({kind.Kind}): {string.Join(", ", kind.Misses.Select(m => "`" + m + "`"))}");
        }

        foreach (var fp in FalsePositives.Where(f => f.Examples.Count > 0))
        {
            md.AppendLine().AppendLine(c, $"False positives ({fp.Detector}): {string.Join(", ", fp.Examples.Select(m => "`" + m + "`"))}");
        }

        return md.ToString();
    }
}
