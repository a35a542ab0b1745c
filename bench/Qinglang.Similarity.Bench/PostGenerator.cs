using System.Text;
using Qinglang.Similarity.Index;

namespace Qinglang.Similarity.Bench;

/// <summary>
/// Deterministic ~200-character Chinese posts: sentence templates whose slots are filled from a vocabulary of
/// pseudo-words (2–4 common characters, made once from a seed) so unrelated posts share little, like real posts on
/// different subjects. About 6% of posts belong to near-duplicate families (lightly edited copies posted by different
/// accounts within hours) and 2% are spun copies (words swapped for near-synonyms, clauses rotated).
/// </summary>
internal sealed class PostGenerator
{
    private const string Common = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

    private static readonly string[] Templates =
    [
        "据{0}消息，{1}的{2}近日{3}了{4}。", "{0}表示，{1}将在{2}推出{3}和{4}。", "记者从{0}获悉，{1}{2}项目已经{3}。", "{0}网友称{1}的{2}{3}，引发{4}讨论。",
        "今年以来，{0}累计{1}{2}，同比增长{3}。", "{0}提醒广大{1}，注意{2}和{3}。", "在{0}看来，{1}的关键是{2}。", "{0}和{1}联合发布{2}，要求{3}{4}。",
        "目前，{0}的{1}已覆盖{2}个{3}。", "有{0}指出，{1}存在{2}问题，需要{3}。", "{0}期间，{1}共接待{2}{3}人次。", "下一步，{0}将继续{1}{2}，推动{3}。",
    ];

    private static readonly (string Plain, string Spun)[] Synonyms =
    [
        ("技术", "手艺"), ("安全", "宁静"), ("服务", "效劳"), ("发布", "宣布"), ("要求", "请求"), ("推动", "推进"), ("问题", "题目"), ("关键", "要害"),
        ("继续", "持续"), ("注意", "留意"), ("指出", "指明"), ("覆盖", "笼罩"), ("联合", "连系"), ("讨论", "商量"), ("增长", "增加"), ("推出", "推出了"),
    ];

    private readonly string[] _words;
    private readonly string[][] _templateParts;

    public PostGenerator(int seed = 20250601)
    {
        var random = new Random(seed);
        _words = new string[20_000];
        for (var i = 0; i < _words.Length; i++)
        {
            var length = random.Next(2, 5);
            var word = new char[length];
            for (var j = 0; j < length; j++)
            {
                word[j] = Common[random.Next(Common.Length)];
            }

            _words[i] = new string(word);
        }

        // "a{0}b{1}c" → ["a", "b", "c"]: slots sit between the literal parts.
        _templateParts = Templates.Select(t => System.Text.RegularExpressions.Regex.Split(t, @"\{\d\}")).ToArray();
    }

    /// <summary>Post number <paramref name="n"/> of the stream: original, family copy or spun copy, with account and time.</summary>
    public IndexDocument Document(long n)
    {
        var random = new Rng((ulong)n * 0x9E3779B97F4A7C15UL + 1);
        var start = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var roll = random.Next(100);
        var account = $"acct{random.Next(100_000)}";
        if (roll < 6 && n >= 100)
        {
            // A family copy: an edited copy of a recent post by another account, hours later.
            var source = n - 1 - random.Next(99);
            var text = Edit(Original(source), ref random, edits: 2 + random.Next(6));
            return new IndexDocument($"p{n}", text, account, start.AddMinutes(source % 43_200).AddMinutes(1 + random.Next(179)));
        }

        if (roll < 8 && n >= 100)
        {
            return new IndexDocument($"p{n}", Spin(Original(n - 1 - random.Next(99)), ref random), account, start.AddMinutes(n % 43_200));
        }

        return new IndexDocument($"p{n}", Original(n), account, start.AddMinutes(n % 43_200));
    }

    /// <summary>The original text of post <paramref name="n"/> (what copies of it start from).</summary>
    public string Original(long n)
    {
        var random = new Rng((ulong)n ^ 0x5EED5EED5EEDUL);
        var text = new StringBuilder(256);
        while (text.Length < 190)
        {
            var parts = _templateParts[random.Next(_templateParts.Length)];
            text.Append(parts[0]);
            for (var i = 1; i < parts.Length; i++)
            {
                text.Append(_words[random.Next(_words.Length)]).Append(parts[i]);
            }
        }

        return text.ToString();
    }

    /// <summary>A text nobody indexed (query misses): originals are numbered below a billion.</summary>
    public string Unseen(long n) => Original(1_000_000_000 + n);

    /// <summary>The text with <paramref name="edits"/> characters replaced.</summary>
    public static string Edit(string text, ref Rng random, int edits)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < edits; i++)
        {
            chars[random.Next(chars.Length)] = Common[random.Next(Common.Length)];
        }

        return new string(chars);
    }

    private static string Spin(string text, ref Rng random)
    {
        foreach (var (plain, spun) in Synonyms)
        {
            text = text.Replace(plain, spun, StringComparison.Ordinal);
        }

        // Rotate the clauses of every sentence: "A，B，C。" → "B，C，A。"
        var result = new StringBuilder(text.Length + 8);
        foreach (var sentence in text.Split('。', StringSplitOptions.RemoveEmptyEntries))
        {
            var clauses = sentence.Split('，');
            var shift = clauses.Length > 1 ? 1 + random.Next(clauses.Length - 1) : 0;
            result.AppendJoin('，', clauses.Skip(shift).Concat(clauses.Take(shift))).Append('。');
        }

        return result.ToString();
    }

    /// <summary>splitmix64: a cheap, seedable generator, so making a post costs microseconds, not a System.Random.</summary>
    internal struct Rng(ulong state)
    {
        private ulong _state = state;

        public int Next(int bound)
        {
            _state += 0x9E3779B97F4A7C15UL;
            var x = _state;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return (int)((x ^ (x >> 31)) % (ulong)bound);
        }
    }
}
