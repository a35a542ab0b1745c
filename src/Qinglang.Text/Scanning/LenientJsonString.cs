using System.Globalization;
using System.Text;

namespace Qinglang.Text.Scanning;

/// <summary>
/// Decodes a JSON string literal the way <c>JsonElement.GetString</c> does, except that a lone surrogate escape
/// ("\ud800") is kept as that UTF-16 unit instead of failing: such text still deserves a scan, and each escape
/// stays one unit, so offsets into the decoded text are the ones a JavaScript or Java reader would compute.
/// </summary>
public static class LenientJsonString
{
    /// <summary>The value of <paramref name="literal"/> (with its quotes, as from <c>GetRawText</c>).</summary>
    /// <exception cref="FormatException">Not a well-formed JSON string literal.</exception>
    public static string Decode(ReadOnlySpan<char> literal)
    {
        if (literal.Length < 2 || literal[0] != '"' || literal[^1] != '"')
        {
            throw new FormatException("not a JSON string");
        }

        var body = literal[1..^1];
        var result = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '\\')
            {
                result.Append(c);
                continue;
            }

            if (++i >= body.Length)
            {
                throw new FormatException("dangling escape");
            }

            result.Append(body[i] switch
            {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' when i + 4 < body.Length && ushort.TryParse(body.Slice(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit) => (char)unit,
                _ => throw new FormatException($"bad escape \\{body[i]}"),
            });
            i += body[i] == 'u' ? 4 : 0;
        }

        return result.ToString();
    }
}
