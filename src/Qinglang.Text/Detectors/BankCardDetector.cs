using Qinglang.Core;

namespace Qinglang.Text.Detectors;

/// <summary>
/// Bank card numbers (<c>pii.bank_card</c>): 16–19 digits passing the Luhn check and starting like a card a bank
/// issues (UnionPay 62/60/9558, Visa 4, Mastercard 51–55 and 2221–2720, JCB 35), so a random long number is not
/// reported (Luhn alone lets one in ten through). A number that is a valid ID card is left to the ID card detector.
/// </summary>
public sealed class BankCardDetector : ITextDetector
{
    public IEnumerable<TextFinding> Detect(string text)
    {
        var year = DateTime.UtcNow.Year;
        var scanner = new DigitRunScanner();
        foreach (var run in scanner.FindAll(text, 16))
        {
            for (var from = 0; from + 16 <= run.Length; from++)
            {
                var length = Match(run, from, year);
                if (length == 0)
                {
                    continue;
                }

                var (start, end) = run.Span(from, from + length);
                if (!Spans.GluedToAsciiLetters(text, start, end))
                {
                    yield return Spans.Finding(text, CategoryCodes.PiiBankCard, Severity.Warning, start, end, run.Digits.Substring(from, length), "pii.bank_card");
                    from += length - 1;
                }
            }
        }
    }

    /// <summary>Card length at <paramref name="from"/>, longest first, or 0.</summary>
    private static int Match(DigitRun run, int from, int year)
    {
        for (var length = Math.Min(19, run.Length - from); length >= 16; length--)
        {
            var digits = run.Digits.AsSpan(from, length);
            if (run.IsAligned(from, from + length) && IsCardNumber(digits) && !(length == 18 && IdCardNumber.IsValid18(digits, year)))
            {
                return length;
            }
        }

        return 0;
    }

    /// <summary>True for digits that pass Luhn and start with an issuer prefix.</summary>
    internal static bool IsCardNumber(ReadOnlySpan<char> digits) =>
        !digits.ContainsAnyExceptInRange('0', '9') && HasIssuerPrefix(digits) && PassesLuhn(digits);

    internal static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    private static bool HasIssuerPrefix(ReadOnlySpan<char> digits)
    {
        var two = ((digits[0] - '0') * 10) + (digits[1] - '0');
        var four = (two * 100) + ((digits[2] - '0') * 10) + (digits[3] - '0');
        return digits[0] == '4' || two is 62 or 60 or 35 or (>= 51 and <= 55) || four is (>= 2221 and <= 2720) or 9558 or 9559;
    }
}
