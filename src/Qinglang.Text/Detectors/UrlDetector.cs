using System.Text.RegularExpressions;
using Qinglang.Core;

namespace Qinglang.Text.Detectors;

/// <summary>
/// Links and domains (<c>mod.ads</c>): URLs with a scheme, "www" hosts and bare domains under a known top-level domain,
/// also written to dodge link filters — full-width, or with 点/點/。/"dot"/"(.)" instead of '.' ("www点example点com").
/// Obfuscated links are errors (the writer set out to evade review); t.me links are reported as Telegram contacts.
/// </summary>
public sealed class UrlDetector : ITextDetector
{
    // A dot, or a word or bracketed form standing for one. Runs on width-folded, lower-cased text.
    private const string Dot = @"(?:\.|。|点|點|\s*[\(\[]\s*(?:\.|dot|点)\s*[\)\]]\s*|\s+dot\s+)";
    private const string Label = "[a-z0-9][a-z0-9-]*";
    private const string Tld = "(?:com|cn|net|org|top|xyz|cc|vip|info|io|me|tv|co|app|site|club|shop|online|biz|ws|pw|la|tk|ml|ga|cf|gq|hk|tw|mo|us|uk|jp|kr|ru|de|icu|ink|wang|ltd|tech|asia|bet|casino|porn|xxx|sex|gov|edu|mobi|cyou|buzz)";
    private const string Path = @"(?:/[a-z0-9\-._~%!$&'*+,;=:@/?#]*)?";

    private static readonly Regex Pattern = new(
        $@"(?:https?|ftp)://[^\s""'<>，。！？、；：（）【】「」《》]+|www{Dot}{Label}(?:{Dot}{Label})*{Path}|(?:{Label}{Dot})+{Tld}{Path}",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    public IEnumerable<TextFinding> Detect(string text)
    {
        var folded = WidthFolding.Fold(text);
        var findings = new List<TextFinding>();
        foreach (var match in Pattern.EnumerateMatches(folded))
        {
            var start = match.Index;
            var end = TrimTrailingPunctuation(folded, start, start + match.Length);
            var hasScheme = folded[start] is 'h' or 'f' && folded.AsSpan(start, end - start).Contains("://", StringComparison.Ordinal);
            if (!hasScheme && !StandsAlone(folded, start, end))
            {
                continue;
            }

            var normalized = hasScheme ? folded[start..end] : Normalize(folded.AsSpan(start, end - start));
            var obfuscated = !hasScheme && IsObfuscated(text, folded, start, end);
            var telegram = normalized.Contains("t.me/", StringComparison.Ordinal) || normalized.Contains("telegram.me/", StringComparison.Ordinal);
            var rule = telegram ? "contact.telegram" : obfuscated ? "contact.url.obfuscated" : "contact.url";
            findings.Add(Spans.Finding(text, CategoryCodes.Ads, obfuscated ? Severity.Error : Severity.Warning, start, end, normalized, rule));
        }

        return findings;
    }

    /// <summary>
    /// A bare domain must not be glued to a word or an email address ("user@example.com" is an email; the email
    /// detector reports it), nor be the tail of a longer name ("example.community").
    /// </summary>
    private static bool StandsAlone(string folded, int start, int end)
    {
        if (start > 0 && (char.IsAsciiLetterOrDigit(folded[start - 1]) || folded[start - 1] is '@' or '.' or '-' or '_' or '%' or '+'))
        {
            return false;
        }

        return end >= folded.Length || !(char.IsAsciiLetterOrDigit(folded[end]) || folded[end] is '@' or '-' or '_');
    }

    private static int TrimTrailingPunctuation(string folded, int start, int end)
    {
        while (end > start + 1 && folded[end - 1] is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or ')' or '。')
        {
            end--;
        }

        return end;
    }

    /// <summary>True when the link was disguised: full-width characters, or a dot written as a word or in brackets.</summary>
    private static bool IsObfuscated(string text, string folded, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] != folded[i] && !char.IsAsciiLetterUpper(text[i]))
            {
                return true;
            }

            if (folded[i] is '。' or '点' or '點' or '(' or '[' or ' ')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The link as a browser would read it: every stand-in for a dot becomes '.'.</summary>
    private static string Normalize(ReadOnlySpan<char> link)
    {
        var result = new System.Text.StringBuilder(link.Length);
        for (var i = 0; i < link.Length; i++)
        {
            var c = link[i];
            if (c is '。' or '点' or '點')
            {
                result.Append('.');
            }
            else if (c is '(' or '[')
            {
                var close = link[i..].IndexOfAny(')', ']');
                result.Append('.');
                i += close < 0 ? 0 : close;
            }
            else if (char.IsWhiteSpace(c))
            {
                var wordEnd = i;
                while (wordEnd < link.Length && char.IsWhiteSpace(link[wordEnd]))
                {
                    wordEnd++;
                }

                if (link[wordEnd..].StartsWith("dot", StringComparison.Ordinal))
                {
                    result.Append('.');
                    i = wordEnd + 2;
                    while (i + 1 < link.Length && char.IsWhiteSpace(link[i + 1]))
                    {
                        i++;
                    }
                }
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}
