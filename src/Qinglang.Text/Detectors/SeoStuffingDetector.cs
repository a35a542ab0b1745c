using System.Buffers;
using Qinglang.Core;

namespace Qinglang.Text.Detectors;

/// <summary>
/// SEO keyword stuffing (<c>mod.ads</c>, where the taxonomy files it with other traffic diversion): a line that is a
/// run of many short bait phrases separated by commas, 、, '|' or spaces, with no sentence punctuation and almost no
/// function words, whose phrases repeat the same bait ("久久", "精品") or glue Latin letters and digits to Chinese
/// ("77777", "12p", "AV"). Prose lists ("违规小程序、应用程序、智能体等…。") end in sentence punctuation and carry
/// function words, so they are left alone. Heuristic, hence a warning; the lexicon judges what the phrases say.
/// </summary>
public sealed class SeoStuffingDetector : ITextDetector
{
    private const int MinPhrases = 6;
    private const int ManyPhrases = 10;
    private const int MaxMedianUnits = 12;
    private const int MaxPhraseUnits = 18;
    private const double MaxFunctionWordRatio = 0.1;

    // Function characters of running Chinese prose (simplified and traditional); keyword lists have almost none.
    private static readonly SearchValues<char> FunctionWords = SearchValues.Create("的了是在和与與及或而但并並把被将將从從对對为為以之其这這那也就都很着著过過吗嗎呢吧啊我你他她们們");

    // Sentence punctuation: a line holding any is prose.
    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create("。！？!?…；");

    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n");

    public IEnumerable<TextFinding> Detect(string text)
    {
        var phrases = new List<Phrase>();
        var findings = new List<TextFinding>();
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var length = text.AsSpan(lineStart).IndexOfAny(LineBreaks);
            var lineEnd = length < 0 ? text.Length : lineStart + length;
            if (Check(text, lineStart, lineEnd, phrases) is { } finding)
            {
                findings.Add(finding);
            }

            lineStart = lineEnd + 1;
        }

        return findings;
    }

    private static TextFinding? Check(string text, int start, int end, List<Phrase> phrases)
    {
        if (end - start < MinPhrases * 3 || text.AsSpan(start, end - start).ContainsAny(SentenceEnds))
        {
            return null;
        }

        SplitPhrases(text, start, end, phrases);
        if (phrases.Count < MinPhrases)
        {
            return null;
        }

        var units = new int[phrases.Count];
        var functionCharacters = 0;
        var hanCharacters = 0;
        var mixed = 0;
        for (var p = 0; p < phrases.Count; p++)
        {
            var phrase = phrases[p];
            units[p] = phrase.Units;
            functionCharacters += phrase.FunctionCharacters;
            hanCharacters += phrase.HanCharacters;
            mixed += phrase.MixesScripts ? 1 : 0;
            if (phrase.Units > MaxPhraseUnits)
            {
                return null;
            }
        }

        Array.Sort(units);
        var median = units[units.Length / 2];
        if (median is < 2 or > MaxMedianUnits || hanCharacters == 0 || functionCharacters > hanCharacters * MaxFunctionWordRatio)
        {
            return null;
        }

        if (phrases.Count < ManyPhrases && mixed < 2 && !SharesBait(text, phrases))
        {
            return null;
        }

        var spanStart = phrases[0].Start;
        var spanEnd = phrases[^1].End;
        var normalized = string.Join('|', phrases.Select(p => text[p.Start..p.End]));
        return Spans.Finding(text, CategoryCodes.Ads, Severity.Warning, spanStart, spanEnd, normalized, $"seo.keyword_stuffing ({phrases.Count} phrases)");
    }

    /// <summary>Splits a line into its non-empty phrases.</summary>
    private static void SplitPhrases(string text, int start, int end, List<Phrase> phrases)
    {
        phrases.Clear();
        var phraseStart = start;
        for (var i = start; i <= end; i++)
        {
            if (i < end && !IsSeparatorAt(text, i, start, end))
            {
                continue;
            }

            if (Phrase.Read(text, phraseStart, i) is { } phrase)
            {
                phrases.Add(phrase);
            }

            phraseStart = i + 1;
        }
    }

    /// <summary>Commas, 、, '|', '/', ';' always; whitespace unless it sits inside Latin text ("cheap flights").</summary>
    private static bool IsSeparatorAt(string text, int i, int start, int end) => text[i] switch
    {
        ',' or '，' or '、' or '|' or '｜' or '/' or ';' or '#' => true,
        ' ' or '\t' or '\u3000' or '\u00A0' => !(i > start && char.IsAsciiLetterOrDigit(text[i - 1]) && i + 1 < end && char.IsAsciiLetterOrDigit(text[i + 1])),
        _ => false,
    };

    /// <summary>True when some Chinese bigram recurs in three or more phrases: the same bait reworded.</summary>
    private static bool SharesBait(string text, List<Phrase> phrases)
    {
        var seenIn = new Dictionary<int, (int Phrase, int Count)>();
        for (var p = 0; p < phrases.Count; p++)
        {
            for (var i = phrases[p].Start; i + 1 < phrases[p].End; i++)
            {
                if (!IsHan(text[i]) || !IsHan(text[i + 1]))
                {
                    continue;
                }

                var key = (text[i] << 16) | text[i + 1];
                var (last, count) = seenIn.GetValueOrDefault(key, (-1, 0));
                if (last != p)
                {
                    if (count + 1 >= 3)
                    {
                        return true;
                    }

                    seenIn[key] = (p, count + 1);
                }
            }
        }

        return false;
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    /// <summary>One phrase: its trimmed span and what it is made of.</summary>
    private readonly record struct Phrase(int Start, int End, int Units, int HanCharacters, int FunctionCharacters, bool MixesScripts)
    {
        /// <summary>Reads <c>text[start..end]</c>; null when it is empty after trimming.</summary>
        public static Phrase? Read(string text, int start, int end)
        {
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            if (start == end)
            {
                return null;
            }

            int units = 0, han = 0, function = 0, latin = 0;
            for (var i = start; i < end; i++)
            {
                var c = text[i];
                if (IsHan(c))
                {
                    units++;
                    han++;
                    function += FunctionWords.Contains(c) ? 1 : 0;
                }
                else if (char.IsAsciiLetterOrDigit(c))
                {
                    // A Latin word or a number counts as one unit, like one Chinese character.
                    if (i == start || !char.IsAsciiLetterOrDigit(text[i - 1]))
                    {
                        units++;
                        latin++;
                    }
                }
                else if (char.IsLetterOrDigit(c))
                {
                    units++;
                }
            }

            return units == 0 ? null : new Phrase(start, end, units, han, function, han > 0 && latin > 0);
        }
    }
}
