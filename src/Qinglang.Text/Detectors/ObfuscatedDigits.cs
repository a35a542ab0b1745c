using System.Globalization;

namespace Qinglang.Text.Detectors;

/// <summary>
/// Reads digits the way spammers write them: ASCII and full-width, Chinese numerals (一/壹/〇/幺 for 1 as read out on
/// the phone), circled and parenthesized digits (①, ⑴, ⒈, ❶), super/subscripts and mathematical digits, and the
/// separators they put between digits (spaces, dashes, dots, zero-width characters) to defeat plain regexes.
/// </summary>
internal static class ObfuscatedDigits
{
    /// <summary>Most separators tolerated between two digits of one number ("1 - 3" is still one number).</summary>
    public const int MaxSeparatorRun = 3;

    /// <summary>The digit at <paramref name="index"/> (0–9) and how many UTF-16 units it takes, or -1.</summary>
    public static int ValueAt(string text, int index, out int length)
    {
        length = 1;
        var c = text[index];
        if (c is >= '0' and <= '9')
        {
            return c - '0';
        }

        if (c < 0x80)
        {
            return -1;
        }

        var chinese = ChineseDigit(c);
        if (chinese >= 0 || c is >= '\u4E00' and <= '\u9FFF')
        {
            return chinese; // the common case in Chinese text: a Han character, digit or not, needs no table lookup
        }

        if (char.IsHighSurrogate(c))
        {
            if (index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                length = 2;
                var value = CharUnicodeInfo.GetDigitValue(text, index);
                return value is >= 0 and <= 9 ? value : -1;
            }

            return -1;
        }

        // Covers every Nd digit (full-width ０, Arabic-Indic, …) and digit-valued symbols (①, ⑴, ⒈, ❶, ², ₃).
        var digit = CharUnicodeInfo.GetDigitValue(c);
        return digit is >= 0 and <= 9 ? digit : -1;
    }

    /// <summary>True when <paramref name="c"/> is something written between digits to break them up.</summary>
    public static bool IsSeparator(char c) => c switch
    {
        ' ' or '\t' or '\u00A0' or '\u3000' => true,
        '-' or '\uFF0D' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => true,
        '.' or '\uFF0E' or '\u00B7' or '\u30FB' or '_' or '\uFF3F' or '*' => true,
        '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' => true,
        _ => false,
    };

    /// <summary>True for the check character X of an ID card number in its ASCII and full-width forms.</summary>
    public static bool IsCheckX(char c) => c is 'X' or 'x' or '\uFF38' or '\uFF58';

    private static int ChineseDigit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' or '壹' or '幺' => 1,
        '二' or '贰' or '貳' => 2,
        '三' or '叁' or '參' => 3,
        '四' or '肆' => 4,
        '五' or '伍' => 5,
        '六' or '陆' or '陸' => 6,
        '七' or '柒' => 7,
        '八' or '捌' => 8,
        '九' or '玖' => 9,
        _ => -1,
    };
}
