namespace Qinglang.Text.Detectors;

/// <summary>
/// Folds full-width ASCII (Ｖｘ：ａｂｃ) to ASCII and ASCII letters to lower case, one UTF-16 unit for one, so a match
/// in the folded copy has the same offsets in the original. Regex detectors run on this copy.
/// </summary>
internal static class WidthFolding
{
    public static string Fold(string text)
    {
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                if (c is >= '\uFF01' and <= '\uFF5E')
                {
                    c = (char)(c - 0xFEE0);
                }
                else if (c == '\u3000')
                {
                    c = ' ';
                }

                span[i] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            }
        });
    }
}
