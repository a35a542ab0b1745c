using System.Globalization;
using System.Text;

namespace Qinglang.Labels.Carriers.Markdown;

/// <summary>
/// The part of YAML 1.2 that front-matter labels use: plain, single- and double-quoted scalars and one-level flow
/// mappings (<c>{Label: "1", ProduceID: x}</c>, which JSON objects also are). Written by hand for this subset:
/// reading never executes tags or anchors and cannot be made to allocate more than the text it is given.
/// </summary>
internal static class YamlScalars
{
    public enum Style
    {
        Plain,
        SingleQuoted,
        DoubleQuoted,
    }

    public readonly record struct Scalar(string Value, Style Style);

    /// <summary>A YAML double-quoted scalar: quotes, backslashes and control characters escaped.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\t' => text.Append("\\t"),
                < ' ' or (char)0x7F => text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    /// <summary>
    /// Reads one scalar starting at <paramref name="at"/>; a plain scalar ends at <paramref name="stops"/> or at a
    /// comment (<c> #</c>). Returns null for an unterminated quoted scalar. <paramref name="at"/> moves past it.
    /// </summary>
    public static Scalar? Read(string text, ref int at, string stops = "")
    {
        if (at < text.Length && text[at] == '"')
        {
            return ReadDoubleQuoted(text, ref at);
        }

        if (at < text.Length && text[at] == '\'')
        {
            var value = new StringBuilder();
            for (var i = at + 1; i < text.Length; i++)
            {
                if (text[i] != '\'')
                {
                    value.Append(text[i]);
                }
                else if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i++;
                }
                else
                {
                    at = i + 1;
                    return new Scalar(value.ToString(), Style.SingleQuoted);
                }
            }

            return null;
        }

        var start = at;
        while (at < text.Length && !stops.Contains(text[at]) && !(text[at] == '#' && at > start && char.IsWhiteSpace(text[at - 1])))
        {
            at++;
        }

        return new Scalar(text[start..at].Trim(), Style.Plain);
    }

    /// <summary>A flow mapping's key/value pairs in order, or null when the text is not one (or nests deeper).</summary>
    public static List<(Scalar Key, Scalar Value)>? ReadFlowMapping(string text)
    {
        var at = SkipSpace(text, 0);
        if (at >= text.Length || text[at] != '{')
        {
            return null;
        }

        var pairs = new List<(Scalar, Scalar)>();
        at = SkipSpace(text, at + 1);
        while (at < text.Length && text[at] != '}')
        {
            if (Read(text, ref at, ":,}{[]") is not { } key)
            {
                return null;
            }

            at = SkipSpace(text, at);
            if (at >= text.Length || text[at] != ':')
            {
                return null;
            }

            at = SkipSpace(text, at + 1);
            if (at < text.Length && text[at] is '{' or '[')
            {
                return null;
            }

            if (Read(text, ref at, ",}{[]") is not { } value)
            {
                return null;
            }

            pairs.Add((key, value));
            at = SkipSpace(text, at);
            if (at < text.Length && text[at] == ',')
            {
                at = SkipSpace(text, at + 1);
            }
            else if (at >= text.Length || text[at] != '}')
            {
                return null;
            }
        }

        if (at >= text.Length)
        {
            return null;
        }

        var rest = text[(at + 1)..].Trim();
        return rest.Length == 0 || rest.StartsWith('#') ? pairs : null;
    }

    private static Scalar? ReadDoubleQuoted(string text, ref int at)
    {
        var value = new StringBuilder();
        for (var i = at + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                at = i + 1;
                return new Scalar(value.ToString(), Style.DoubleQuoted);
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (++i >= text.Length)
            {
                return null;
            }

            var digits = text[i] switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
            if (digits > 0)
            {
                if (i + digits >= text.Length || !int.TryParse(text.AsSpan(i + 1, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) || code > 0x10FFFF)
                {
                    return null;
                }

                value.Append(char.ConvertFromUtf32(code is >= 0xD800 and <= 0xDFFF ? 0xFFFD : code));
                i += digits;
                continue;
            }

            value.Append(text[i] switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '0' => '\0',
                'b' => '\b',
                'e' => '\x1B',
                ' ' => ' ',
                '/' => '/',
                '"' => '"',
                '\\' => '\\',
                _ => text[i],
            });
        }

        return null;
    }

    private static int SkipSpace(string text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        return at;
    }
}
