using System.Text.RegularExpressions;
using Qinglang.Core;

namespace Qinglang.Text.Detectors;

/// <summary>
/// Messenger ids offered for contact (<c>mod.ads</c>): WeChat (微信/VX/V信/weixin/wx + an id by WeChat's rules:
/// 6–20 characters, a letter first, then letters, digits, '_' or '-'; or a bound phone/QQ number), QQ numbers
/// (QQ/扣扣/企鹅 + 5–11 digits, no leading zero) and Telegram handles (TG/电报/飞机/telegram + @handle). The finding
/// spans the cue and the id, so redaction removes both. Obfuscated digits count as digits.
/// </summary>
public sealed class MessengerIdDetector : ITextDetector
{
    private const int MaxCueGap = 4;

    /// <summary>Characters that make the number before them a date, time, amount or count.</summary>
    private const string QuantityUnits = "年月日号時时点點分秒人个個条條万萬亿億元块塊次位名家岁歲";

    public IEnumerable<TextFinding> Detect(string text)
    {
        var folded = WidthFolding.Fold(text);
        var scanner = new DigitRunScanner();
        var findings = new List<TextFinding>();
        foreach (var match in CuePattern.EnumerateMatches(folded))
        {
            var cueStart = match.Index;
            var cueEnd = match.Index + match.Length;
            if (char.IsAsciiLetter(folded[cueStart]) && cueStart > 0 && char.IsAsciiLetterOrDigit(folded[cueStart - 1]))
            {
                continue; // "wwxx", "powwow": the cue letters are part of a word
            }

            var kind = KindOf(folded.AsSpan(cueStart, match.Length));
            var finding = kind switch
            {
                Kind.WeChat => WeChat(text, folded, scanner, cueStart, cueEnd),
                Kind.Qq => Qq(text, scanner, cueStart, cueEnd),
                _ => Telegram(text, folded, cueStart, cueEnd),
            };
            if (finding is not null)
            {
                findings.Add(finding);
            }
        }

        return findings;
    }

    private static TextFinding? WeChat(string text, string folded, DigitRunScanner scanner, int cueStart, int cueEnd)
    {
        var idStart = SkipGap(folded, cueEnd);
        if (idStart >= folded.Length)
        {
            return null;
        }

        if (char.IsAsciiLetter(folded[idStart]))
        {
            // An ASCII cue running straight into letters ("wechatting") is a word, not a cue and an id.
            if (idStart == cueEnd && char.IsAsciiLetter(folded[cueEnd - 1]))
            {
                return null;
            }

            var idEnd = idStart + 1;
            while (idEnd < folded.Length && IsWeChatIdChar(folded[idEnd]))
            {
                idEnd++;
            }

            var length = idEnd - idStart;
            return length is < 6 or > 20
                ? null
                : Spans.Finding(text, CategoryCodes.Ads, Severity.Warning, cueStart, idEnd, "wechat:" + folded[idStart..idEnd], "contact.wechat");
        }

        return NumberId(text, scanner, cueStart, idStart, 5, 11, "wechat:", "contact.wechat");
    }

    private static TextFinding? Qq(string text, DigitRunScanner scanner, int cueStart, int cueEnd) =>
        NumberId(text, scanner, cueStart, SkipGap(text, cueEnd), 5, 11, "qq:", "contact.qq");

    private static TextFinding? NumberId(string text, DigitRunScanner scanner, int cueStart, int idStart, int min, int max, string prefix, string rule)
    {
        if (idStart >= text.Length || ObfuscatedDigits.ValueAt(text, idStart, out _) < 0)
        {
            return null;
        }

        var run = scanner.ReadAt(text, idStart, min, out _);
        if (run is null || run.Length > max || run.Digits[0] == '0' || run.Digits.Contains('X') || IsDate(run.Digits))
        {
            return null;
        }

        var (_, end) = run.Span(0, run.Length);
        if (DigitRunScanner.IsAsciiLetterOrDigitAt(text, end) || (end < text.Length && QuantityUnits.Contains(text[end])))
        {
            return null; // "微信20250620发布", "QQ 10000人": a date or a count, not an id
        }

        var severity = run.IsObfuscated ? Severity.Error : Severity.Warning;
        return Spans.Finding(text, CategoryCodes.Ads, severity, cueStart, end, prefix + run.Digits, run.IsObfuscated ? rule + ".obfuscated" : rule);
    }

    private static TextFinding? Telegram(string text, string folded, int cueStart, int cueEnd)
    {
        var at = SkipGap(folded, cueEnd);
        var hasAt = at < folded.Length && folded[at] == '@';
        var handleStart = hasAt ? at + 1 : at;
        if (handleStart >= folded.Length || !char.IsAsciiLetter(folded[handleStart]) || (!hasAt && handleStart == cueEnd))
        {
            return null;
        }

        var handleEnd = handleStart + 1;
        while (handleEnd < folded.Length && (char.IsAsciiLetterOrDigit(folded[handleEnd]) || folded[handleEnd] == '_'))
        {
            handleEnd++;
        }

        // Telegram usernames are 5–32 characters; without '@' demand a digit or '_' so "飞机 tickets" is not a handle.
        var handle = folded.AsSpan(handleStart, handleEnd - handleStart);
        if (handle.Length is < 5 or > 32 || (handleEnd < folded.Length && folded[handleEnd] == '-')
            || (!hasAt && handle.IndexOfAny("0123456789_") < 0))
        {
            return null;
        }

        return Spans.Finding(text, CategoryCodes.Ads, Severity.Warning, cueStart, handleEnd, "telegram:@" + handle.ToString(), "contact.telegram");
    }

    /// <summary>Skips what people put between a cue and the id: "：", " ", "号:", "是", "=".</summary>
    private static int SkipGap(string text, int index)
    {
        var limit = Math.Min(text.Length, index + MaxCueGap);
        while (index < limit && text[index] is ' ' or '\t' or '\u3000' or ':' or '：' or '=' or '＝' or '号' or '是' or '为' or '-' or '"' or '“' or '”' or '「' or '(' or '（' or '群')
        {
            index++;
        }

        return index;
    }

    /// <summary>True for eight digits that read as a date, YYYYMMDD in 1900–2099.</summary>
    private static bool IsDate(string digits) =>
        digits.Length == 8 && digits[..2] is "19" or "20" && int.Parse(digits.AsSpan(4, 2)) is >= 1 and <= 12 && int.Parse(digits.AsSpan(6, 2)) is >= 1 and <= 31;

    private static bool IsWeChatIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static Kind KindOf(ReadOnlySpan<char> cue) => cue switch
    {
        "qq" or "扣扣" or "企鹅" => Kind.Qq,
        "tg" or "telegram" or "电报" or "飞机" or "纸飞机" => Kind.Telegram,
        _ => Kind.WeChat,
    };

    private enum Kind
    {
        WeChat,
        Qq,
        Telegram,
    }

    // Runs on width-folded, lower-cased text; non-backtracking, so its time is linear in the text whatever it holds.
    private static readonly Regex CuePattern = new(
        "微信|威信|薇信|徽信|维信|微x|v信|weixin|wechat|加vx|vx|wx|加v|qq|扣扣|企鹅|telegram|纸飞机|飞机|电报|tg",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
}
