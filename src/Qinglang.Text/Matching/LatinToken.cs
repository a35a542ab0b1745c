using System.Globalization;

namespace Qinglang.Text.Matching;

/// <summary>
/// Whether a hit stands alone as a Latin token: no Latin letter touches it on either side. Pinyin initials are two
/// or three letters (sq, lhc), which occur inside countless English words and identifiers, so an initials form only
/// counts on its own ("sq", "看sq网站", "sq-123") and never inside "square" or "vsq". Invisible format characters
/// (zero-width spaces, joiners) next to the hit are looked through, so they cannot glue a word apart.
/// </summary>
public static class LatinToken
{
    /// <summary>True when neither the character before <paramref name="start"/> nor the one at <paramref name="end"/> is a Latin letter.</summary>
    public static bool StandsAlone(ReadOnlySpan<char> text, int start, int end)
    {
        int before = start - 1;
        while (before >= 0 && IsInvisible(text[before])) before--;
        if (before >= 0 && IsLatinLetter(text[before])) return false;
        int after = end;
        while (after < text.Length && IsInvisible(text[after])) after++;
        return after >= text.Length || !IsLatinLetter(text[after]);
    }

    /// <summary>ASCII, Latin-1 and Latin Extended-A/B letters, and full-width A–Z/a–z.</summary>
    public static bool IsLatinLetter(char c) =>
        char.IsAsciiLetter(c)
        || (c is >= '\u00C0' and <= '\u024F' && c != '\u00D7' && c != '\u00F7')
        || c is >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A';

    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
