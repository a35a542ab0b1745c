namespace Qinglang.Text.Scanning;

/// <summary>
/// Runs a set of detectors over a text and merges what they find: sorted by start (longest first on ties), exact
/// repeats dropped, and a finding dropped when another of the same category and rule family (the rule up to its first
/// '.') covers its whole span: the WeChat id "vx: 138…" (contact.wechat) covers the phone number inside it
/// (contact.phone). A link inside an SEO-stuffed line (seo.…) is a different family and stays.
/// </summary>
public sealed class TextScanner(IReadOnlyList<ITextDetector> detectors)
{
    public IReadOnlyList<ITextDetector> Detectors { get; } = detectors;

    public IReadOnlyList<TextFinding> Scan(string text)
    {
        var all = new List<TextFinding>();
        foreach (var detector in Detectors)
        {
            all.AddRange(detector.Detect(text));
        }

        return Merge(all);
    }

    /// <summary>Sorts and de-duplicates findings from several detectors.</summary>
    public static IReadOnlyList<TextFinding> Merge(List<TextFinding> findings)
    {
        if (findings.Count < 2)
        {
            return findings;
        }

        findings.Sort(static (a, b) =>
        {
            var order = a.Start.CompareTo(b.Start);
            order = order != 0 ? order : b.End.CompareTo(a.End);
            return order != 0 ? order : string.CompareOrdinal(a.Category, b.Category);
        });

        // Every kept finding starts at or before the current one, so it is covered exactly when a kept finding of its
        // category and family reaches at least as far.
        var merged = new List<TextFinding>(findings.Count);
        var reach = new Dictionary<(string Category, string Family), int>();
        foreach (var finding in findings)
        {
            var key = (finding.Category, Family(finding.Rule));
            if (reach.TryGetValue(key, out var end) && end >= finding.End)
            {
                continue;
            }

            reach[key] = finding.End;
            merged.Add(finding);
        }

        return merged;
    }

    private static string Family(string rule)
    {
        var dot = rule.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rule : rule[..dot];
    }
}
