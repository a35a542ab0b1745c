using Qinglang.Core;
using Qinglang.Labels.Carriers;

namespace Qinglang.Labels.Xmp;

/// <summary>
/// Remembers, per thread, the last few XMP packets parsed for label sites and what the parse found. Reading sites is
/// a pure function of the packet text and its location, so a hit returns exactly what a fresh parse would — and a
/// batch that writes the same packet into a thousand files (then reads each back to confirm it) parses it once.
/// </summary>
internal static class XmpSiteMemo
{
    /// <summary>Packets longer than this are not remembered: the memo stays a few hundred kilobytes per thread.</summary>
    public const int MaxTextLength = 64 << 10;

    private const int Entries = 4;

    [ThreadStatic]
    private static Entry?[]? _entries;

    [ThreadStatic]
    private static int _next;

    public static bool TryGet(string text, string location, ICollection<Finding> findings, out IReadOnlyList<LabelSite> sites)
    {
        if (_entries is { } entries && text.Length <= MaxTextLength)
        {
            foreach (var entry in entries)
            {
                if (entry is not null && entry.Location == location && entry.Text == text)
                {
                    foreach (var finding in entry.Findings)
                    {
                        findings.Add(finding);
                    }

                    sites = [.. entry.Sites];
                    return true;
                }
            }
        }

        sites = [];
        return false;
    }

    public static void Remember(string text, string location, IReadOnlyList<LabelSite> sites, IReadOnlyList<Finding> findings)
    {
        if (text.Length > MaxTextLength)
        {
            return;
        }

        var entries = _entries ??= new Entry?[Entries];
        entries[_next] = new Entry(text, location, [.. sites], [.. findings]);
        _next = (_next + 1) % Entries;
    }

    private sealed record Entry(string Text, string Location, LabelSite[] Sites, Finding[] Findings);
}
