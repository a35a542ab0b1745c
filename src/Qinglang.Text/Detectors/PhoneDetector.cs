using Qinglang.Core;

namespace Qinglang.Text.Detectors;

/// <summary>
/// Mainland mobile numbers (11 digits, 1[3-9]…), also obfuscated. A number that is obfuscated or advertised
/// (<see cref="AdvertisingContext"/>) is traffic diversion, <c>mod.ads</c> (an error when obfuscated: the writer set
/// out to evade review); otherwise it is personal information, <c>pii.phone</c>. "+86"/"0086" prefixes are allowed.
/// </summary>
public sealed class PhoneDetector : ITextDetector
{
    private const int Digits = 11;

    public IEnumerable<TextFinding> Detect(string text)
    {
        var scanner = new DigitRunScanner();
        foreach (var run in scanner.FindAll(text, Digits))
        {
            var from = 0;
            while (from + Digits <= run.Length)
            {
                if (IsMobileAt(run, from))
                {
                    var (start, end) = run.Span(from, from + Digits);
                    if (!Spans.GluedToAsciiLetters(text, start, end))
                    {
                        yield return Classify(text, run, start, end, run.Digits.Substring(from, Digits));
                        from += Digits;
                        continue;
                    }
                }

                from++;
            }
        }
    }

    private static bool IsMobileAt(DigitRun run, int from)
    {
        var digits = run.Digits;
        if (digits[from] != '1' || digits[from + 1] is < '3' or > '9' || digits.AsSpan(from, Digits).Contains('X'))
        {
            return false;
        }

        if (run.IsAligned(from, from + Digits))
        {
            return true;
        }

        // "+8613800138000" / "008613800138000": the country code is glued to the number.
        var glued = (from == 2 && digits.StartsWith("86", StringComparison.Ordinal)) || (from == 4 && digits.StartsWith("0086", StringComparison.Ordinal));
        return glued && run.IsAligned(0, from + Digits);
    }

    private static TextFinding Classify(string text, DigitRun run, int start, int end, string digits)
    {
        if (run.IsObfuscated)
        {
            return Spans.Finding(text, CategoryCodes.Ads, Severity.Error, start, end, digits, "contact.phone.obfuscated");
        }

        return AdvertisingContext.IsNear(text, start, end)
            ? Spans.Finding(text, CategoryCodes.Ads, Severity.Warning, start, end, digits, "contact.phone")
            : Spans.Finding(text, CategoryCodes.PiiPhone, Severity.Warning, start, end, digits, "pii.phone");
    }
}
