using Qinglang.Core;

namespace Qinglang.Text.Detectors;

/// <summary>
/// Mainland resident ID card numbers (<c>pii.id_card</c>): 18 characters with a valid check character and birth date,
/// or the old 15-digit form; also written with spaces or in full-width or Chinese digits. Random 18-digit numbers
/// almost never pass (1 in 11 for the check alone, far fewer with the province and date).
/// </summary>
public sealed class IdCardDetector : ITextDetector
{
    public IEnumerable<TextFinding> Detect(string text)
    {
        var year = DateTime.UtcNow.Year;
        var scanner = new DigitRunScanner();
        foreach (var run in scanner.FindAll(text, 15))
        {
            for (var from = 0; from + 15 <= run.Length; from++)
            {
                var length = Match(run, from, year);
                if (length == 0)
                {
                    continue;
                }

                var (start, end) = run.Span(from, from + length);
                if (!Spans.GluedToAsciiLetters(text, start, end))
                {
                    var rule = length == 18 ? "pii.id_card" : "pii.id_card.15";
                    yield return Spans.Finding(text, CategoryCodes.PiiIdCard, Severity.Warning, start, end, run.Digits.Substring(from, length), rule);
                    from += length - 1;
                }
            }
        }
    }

    /// <summary>18 or 15 when a valid number spans whole groups from digit <paramref name="from"/>, else 0.</summary>
    private static int Match(DigitRun run, int from, int year)
    {
        if (from + 18 <= run.Length && run.IsAligned(from, from + 18) && IdCardNumber.IsValid18(run.Digits.AsSpan(from, 18), year))
        {
            return 18;
        }

        return run.IsAligned(from, from + 15) && IdCardNumber.IsValid15(run.Digits.AsSpan(from, 15)) ? 15 : 0;
    }
}
