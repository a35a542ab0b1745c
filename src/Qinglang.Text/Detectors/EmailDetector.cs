using System.Text.RegularExpressions;
using Qinglang.Core;

namespace Qinglang.Text.Detectors;

/// <summary>Email addresses (<c>pii.email</c>), also in full-width characters ("ａｂｃ＠ｅｘａｍｐｌｅ．ｃｏｍ").</summary>
public sealed class EmailDetector : ITextDetector
{
    // Runs on width-folded, lower-cased text; non-backtracking, so hostile input cannot make it slow.
    private static readonly Regex Pattern = new(
        @"[a-z0-9][a-z0-9._%+-]*@[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)*\.[a-z]{2,}",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    public IEnumerable<TextFinding> Detect(string text)
    {
        var findings = new List<TextFinding>();
        if (text.AsSpan().IndexOfAny('@', '＠') < 0)
        {
            return findings; // most texts hold no address: skip the fold and the regex
        }

        var folded = WidthFolding.Fold(text);
        var searched = 0;
        for (var at = folded.IndexOf('@'); at >= 0; at = folded.IndexOf('@', at + 1))
        {
            // Only the stretch of address characters around each '@' can hold an address; the regex runs there alone.
            var from = Math.Max(searched, Extend(folded, at, -1));
            var to = Extend(folded, at, +1);
            foreach (var match in Pattern.EnumerateMatches(folded.AsSpan(from, to - from)))
            {
                AddIfWhole(text, folded, from + match.Index, from + match.Index + match.Length, findings);
            }

            searched = to;
        }

        return findings;
    }

    /// <summary>The end of the run of address characters from <paramref name="at"/> in <paramref name="step"/>'s direction.</summary>
    private static int Extend(string folded, int at, int step)
    {
        var i = at + step;
        while (i >= 0 && i < folded.Length && (char.IsAsciiLetterOrDigit(folded[i]) || folded[i] is '.' or '_' or '%' or '+' or '-'))
        {
            i += step;
        }

        return step < 0 ? i + 1 : i;
    }

    private static void AddIfWhole(string text, string folded, int start, int end, List<TextFinding> findings)
    {
        if (end < folded.Length && (char.IsAsciiLetterOrDigit(folded[end]) || folded[end] is '-' or '_' or '@'))
        {
            return; // the top-level domain runs on into something that is not an address
        }

        findings.Add(Spans.Finding(text, CategoryCodes.PiiEmail, Severity.Warning, start, end, folded[start..end], "pii.email"));
    }
}
