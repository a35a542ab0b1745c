namespace Qinglang.Text.Detectors;

/// <summary>
/// Finds <see cref="DigitRun"/>s in a text. Scratch lists are reused, so a run is only materialized when it is long
/// enough to matter; short numbers ("第一", "2025年") cost no allocation.
/// </summary>
internal sealed class DigitRunScanner
{
    private readonly List<int> _starts = [];
    private readonly List<int> _ends = [];
    private readonly List<bool> _gaps = [];
    private readonly List<char> _digits = [];

    /// <summary>Every run with at least <paramref name="minDigits"/> digits, in text order.</summary>
    public IEnumerable<DigitRun> FindAll(string text, int minDigits)
    {
        var index = 0;
        while (index < text.Length)
        {
            if (ObfuscatedDigits.ValueAt(text, index, out var length) < 0)
            {
                index += length;
                continue;
            }

            var run = ReadAt(text, index, minDigits, out var next);
            index = next;
            if (run is not null)
            {
                yield return run;
            }
        }
    }

    /// <summary>
    /// The run starting at <paramref name="index"/> when it has at least <paramref name="minDigits"/> digits, else null;
    /// <paramref name="next"/> is the index just after the run.
    /// </summary>
    public DigitRun? ReadAt(string text, int index, int minDigits, out int next)
    {
        _starts.Clear();
        _ends.Clear();
        _gaps.Clear();
        _digits.Clear();
        var fancy = false;
        var odd = false;
        var position = index;
        var gap = false;
        while (true)
        {
            var value = ObfuscatedDigits.ValueAt(text, position, out var length);
            if (value < 0)
            {
                break;
            }

            fancy |= text[position] > '9';
            _digits.Add((char)('0' + value));
            _starts.Add(position);
            _ends.Add(position + length);
            _gaps.Add(gap);
            position += length;

            var after = position;
            while (after < text.Length && after - position <= ObfuscatedDigits.MaxSeparatorRun && ObfuscatedDigits.IsSeparator(text[after]))
            {
                after++;
            }

            var separators = after - position;
            if (after >= text.Length || separators > ObfuscatedDigits.MaxSeparatorRun || ObfuscatedDigits.ValueAt(text, after, out _) < 0)
            {
                break;
            }

            gap = separators > 0;
            odd |= separators > 1 || (separators == 1 && text[position] is not (' ' or '-'));
            position = after;
        }

        next = position;
        if (position < text.Length && ObfuscatedDigits.IsCheckX(text[position]) && !IsAsciiLetterOrDigitAt(text, position + 1))
        {
            _digits.Add('X');
            _starts.Add(position);
            _ends.Add(position + 1);
            _gaps.Add(true); // so an 11-digit phone directly followed by "x" still ends on a boundary
            next = position + 1;
        }

        if (_digits.Count < minDigits)
        {
            return null;
        }

        var groups = 1;
        foreach (var g in _gaps)
        {
            groups += g ? 1 : 0;
        }

        return new DigitRun(new string([.. _digits]), [.. _starts], [.. _ends], [.. _gaps], fancy, odd || groups > 4);
    }

    /// <summary>True when an ASCII letter or digit sits at <paramref name="index"/> (a number glued to a word).</summary>
    public static bool IsAsciiLetterOrDigitAt(string text, int index) =>
        index >= 0 && index < text.Length && char.IsAsciiLetterOrDigit(text[index]);
}
