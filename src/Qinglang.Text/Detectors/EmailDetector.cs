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
        var folded = WidthFolding.Fold(text);
        var findings = new List<TextFinding>();
        foreach (var match in Pattern.EnumerateMatches(folded))
        {
            var start = match.Index;
            var end = match.Index + match.Length;
            if (end < folded.Length && (char.IsAsciiLetterOrDigit(folded[end]) || folded[end] is '-' or '_' or '@'))
            {
                continue; // the top-level domain runs on into something that is not an address
            }

            findings.Add(Spans.Finding(text, CategoryCodes.PiiEmail, Severity.Warning, start, end, folded[start..end], "pii.email"));
        }

        return findings;
    }
}
