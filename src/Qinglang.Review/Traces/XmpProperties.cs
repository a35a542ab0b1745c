using System.Net;
using System.Text.RegularExpressions;

namespace Qinglang.Review.Traces;

/// <summary>
/// Reads simple property values out of XMP text by local name, in attribute form (<c>p:Name="v"</c>), element form
/// (<c>&lt;p:Name&gt;v&lt;/p:Name&gt;</c>), <c>rdf:resource</c> form, and rdf:Alt/Seq/Bag lists. Prefixes vary between
/// writers, so only the local name is matched; callers check values that are specific (URIs, generator names).
/// Regular expressions run with a timeout, so a hostile packet costs bounded time.
/// </summary>
internal static class XmpProperties
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    public static IEnumerable<string> Values(string xmp, string localName)
    {
        var name = Regex.Escape(localName);
        var results = new List<string>();
        try
        {
            foreach (Match m in Regex.Matches(xmp, $@"(?<![\w<])[\w.-]+:{name}\s*=\s*(?<q>[""'])(?<v>.*?)\k<q>", RegexOptions.Singleline, Timeout))
            {
                results.Add(m.Groups["v"].Value);
            }

            foreach (Match m in Regex.Matches(xmp, $@"<(?<p>[\w.-]+):{name}\b(?<a>[^>]*?)(?:/>|>(?<b>.*?)</\k<p>:{name}\s*>)", RegexOptions.Singleline, Timeout))
            {
                var resource = Regex.Match(m.Groups["a"].Value, @"rdf:resource\s*=\s*(?<q>[""'])(?<v>.*?)\k<q>", RegexOptions.None, Timeout);
                if (resource.Success)
                {
                    results.Add(resource.Groups["v"].Value);
                    continue;
                }

                var body = m.Groups["b"].Value;
                var items = Regex.Matches(body, @"<rdf:li\b[^>]*>(?<v>[^<]*)</rdf:li>", RegexOptions.None, Timeout);
                if (items.Count > 0)
                {
                    results.AddRange(items.Select(i => i.Groups["v"].Value));
                }
                else if (!body.Contains('<'))
                {
                    results.Add(body);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A packet too convoluted to read in bounded time yields what was read so far.
        }

        return results.Select(v => WebUtility.HtmlDecode(v).Trim()).Where(v => v.Length > 0);
    }
}
