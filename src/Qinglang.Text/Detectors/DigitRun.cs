namespace Qinglang.Text.Detectors;

/// <summary>
/// One number as written in a text, possibly obfuscated ("1 3 8-0013-8000", "壹叁捌…", "①③⑧…"): its digits, where each
/// digit sits in the original text, and where the writer put separators (group boundaries).
/// </summary>
internal sealed class DigitRun(string digits, int[] starts, int[] ends, bool[] gapBefore, bool hasFancyDigits, bool hasOddSeparators)
{
    /// <summary>The digits as ASCII '0'–'9'; an ID card's trailing check character is 'X'.</summary>
    public string Digits { get; } = digits;

    public int Length => Digits.Length;

    /// <summary>True when some digit was not an ASCII digit (full-width, Chinese, circled, …).</summary>
    public bool HasFancyDigits { get; } = hasFancyDigits;

    /// <summary>Separators other than a single space or dash between groups, or more than four groups.</summary>
    public bool HasOddSeparators { get; } = hasOddSeparators;

    /// <summary>Written to evade: fancy digits or odd separators. Plain "138 0013 8000" is not.</summary>
    public bool IsObfuscated => HasFancyDigits || HasOddSeparators;

    /// <summary>True when digits <c>[from, to)</c> form whole groups: a number does not start or end inside a group.</summary>
    public bool IsAligned(int from, int to) => (from == 0 || gapBefore[from]) && (to == Length || gapBefore[to]);

    /// <summary>Original UTF-16 range of digits <c>[from, to)</c>.</summary>
    public (int Start, int End) Span(int from, int to) => (starts[from], ends[to - 1]);
}
