using System.Text.RegularExpressions;

namespace Qinglang.Similarity.Rumors;

/// <summary>
/// A simple extractor of the entities a rumor hinges on: numbers (Arabic or Chinese numerals, as values, so 3 = 三),
/// dates (月/日 forms, as M-D), quoted names (“…” 「…」 《…》 "…"), place/organization-like spans (two characters
/// before a suffix such as 市, 县, 医院, 公司, 公安局) and known place names. Not NER: enough to tell a post about the
/// same incident from one about a different place, number or date.
/// </summary>
public static partial class KeyEntities
{
    private static readonly string[] Suffixes =
    [
        "公安局", "派出所", "委员会", "人民政府", "医院", "大学", "中学", "小学", "学校", "公司", "集团", "银行", "法院", "检察院", "机场", "车站",
        "省", "市", "县", "区", "镇", "乡", "村", "局", "厅", "部",
    ];

    private static readonly string[] Places =
    [
        "北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "南京", "武汉", "成都", "西安", "郑州", "长沙", "沈阳", "哈尔滨", "济南", "青岛", "苏州", "厦门", "福州",
        "昆明", "贵阳", "南宁", "海口", "兰州", "西宁", "银川", "乌鲁木齐", "拉萨", "呼和浩特", "石家庄", "太原", "合肥", "南昌", "长春", "香港", "澳门", "台湾",
        "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南",
        "陕西", "甘肃", "青海", "内蒙古", "广西", "西藏", "宁夏", "新疆",
    ];

    /// <summary>The entities of <paramref name="text"/> as normalized strings: <c>#</c>value, <c>@</c>M-D, or the span itself.</summary>
    public static IReadOnlySet<string> Extract(string text)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match date in DatePattern().Matches(text))
        {
            if (int.TryParse(NumberValue(date.Groups[1].Value), System.Globalization.CultureInfo.InvariantCulture, out var month)
                && int.TryParse(NumberValue(date.Groups[2].Value), System.Globalization.CultureInfo.InvariantCulture, out var day)
                && month is >= 1 and <= 12 && day is >= 1 and <= 31)
            {
                found.Add($"@{month}-{day}");
            }
        }

        foreach (Match number in NumberPattern().Matches(DatePattern().Replace(text, " ")))
        {
            if (NumberValue(number.Value) is { } value && (number.Value.Length > 1 || char.IsAsciiDigit(number.Value[0]) || IsCounted(text, number)))
            {
                found.Add($"#{value}");
            }
        }

        foreach (Match quoted in QuotedPattern().Matches(text))
        {
            var name = quoted.Groups["name"].Value.Trim();
            if (name.Length is >= 2 and <= 20)
            {
                found.Add(name);
            }
        }

        foreach (var suffix in Suffixes)
        {
            for (var at = text.IndexOf(suffix, StringComparison.Ordinal); at >= 0; at = text.IndexOf(suffix, at + suffix.Length, StringComparison.Ordinal))
            {
                if (at >= 2 && IsHan(text[at - 1]) && IsHan(text[at - 2]))
                {
                    found.Add(text.Substring(at - 2, 2 + suffix.Length));
                }
            }
        }

        foreach (var place in Places)
        {
            if (text.Contains(place, StringComparison.Ordinal))
            {
                found.Add(place);
            }
        }

        foreach (Match name in LatinNamePattern().Matches(text))
        {
            found.Add(name.Value);
        }

        return found;
    }

    /// <summary>Whether <paramref name="entity"/> (from <see cref="Extract"/>) is present in a text with those entities.</summary>
    public static bool Agrees(string entity, IReadOnlySet<string> textEntities, string text) =>
        entity[0] is '#' or '@' ? textEntities.Contains(entity) : text.Contains(entity, StringComparison.Ordinal) || textEntities.Contains(entity);

    /// <summary>Value of an Arabic or simple Chinese numeral (十二, 两千三百, 3.5 truncated to text form); null when not a number.</summary>
    internal static string? NumberValue(string numeral)
    {
        if (numeral.Length == 0)
        {
            return null;
        }

        if (char.IsAsciiDigit(numeral[0]))
        {
            var trimmed = numeral.TrimStart('0');
            return trimmed.Length == 0 || trimmed[0] == '.' ? "0" + trimmed : trimmed;
        }

        long total = 0, section = 0, digit = 0;
        foreach (var c in numeral)
        {
            var d = "零一二三四五六七八九".IndexOf(c);
            if (c == '两')
            {
                d = 2;
            }

            if (d >= 0)
            {
                digit = d;
                continue;
            }

            var unit = c switch { '十' => 10, '百' => 100, '千' => 1000, '万' => 10_000, '亿' => 100_000_000, _ => 0 };
            if (unit == 0)
            {
                return null;
            }

            if (unit >= 10_000)
            {
                total = (total + section + digit) * unit;
                section = 0;
            }
            else
            {
                section += (digit == 0 ? 1 : digit) * unit;
            }

            digit = 0;
        }

        return (total + section + digit).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A lone Chinese numeral counts only before a measure word (三人, not 一些 or 统一).</summary>
    private static bool IsCounted(string text, Match number)
    {
        var next = number.Index + number.Length;
        return next < text.Length && "人名个位起例岁元次辆天家所座条只件吨米户".Contains(text[next], StringComparison.Ordinal);
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF';

    [GeneratedRegex(@"([0-9]{1,2}|[一二三四五六七八九十]{1,3})月([0-9]{1,2}|[一二三四五六七八九十]{1,3})[日号]")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"[0-9]+(?:\.[0-9]+)?|[零一二两三四五六七八九十百千万亿]+")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"[“「《""『](?<name>[^”」》""』\n]{2,20})[”」》""』]")]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9]{2,}\b")]
    private static partial Regex LatinNamePattern();
}
