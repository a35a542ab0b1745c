using System.Text;

namespace Qinglang.Labels.Explicit.Ffmpeg;

/// <summary>
/// Escapes a filter option value for an ffmpeg filtergraph passed as one argument: once for the option parser
/// (<c>\ ' : =</c>) and once more for the graph parser (<c>\ ' [ ] , ;</c>), as ffmpeg-filters(1) "Notes on filtergraph
/// escaping" describes. With no shell in between, these two levels are all there is.
/// </summary>
internal static class FilterEscape
{
    public static string Value(string value) => Escape(Escape(value, @"\':="), @"\'[],;");

    private static string Escape(string value, string specials)
    {
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (specials.Contains(c))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
