using Qinglang.Core;
using Qinglang.Text.Lexicons;

namespace Qinglang.Lexicon.Bench;

/// <summary>
/// Deterministic inputs. Libraries are random CJK words (2–6 characters from the 3,500 most used code points'
/// range); the clean text is the campaign seeds repeated (ordinary news text, few hits); the dense text is built
/// from library words and filler so a hit comes every ~17 characters, like common-word libraries over comments.
/// </summary>
internal static class Workloads
{
    public static List<string> RandomWords(int count, int seed)
    {
        var random = new Random(seed);
        var words = new HashSet<string>(count);
        while (words.Count < count)
        {
            int length = random.Next(2, 7);
            var chars = new char[length];
            for (int i = 0; i < length; i++) chars[i] = (char)random.Next(0x4E00, 0x4E00 + 3500);
            words.Add(new string(chars));
        }

        return [.. words];
    }

    public static Text.Lexicons.Lexicon Library(IReadOnlyList<string> words)
    {
        var builder = new LexiconBuilder();
        foreach (string word in words) builder.AddWord(word, CategoryCodes.Spam, Severity.Warning, EntryFlags.None, new EntrySource("bench", 0));
        return builder.Build().GetOrThrow();
    }

    public static string CleanText(int length)
    {
        string seed = FindSeeds() is { } dir
            ? string.Concat(Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal).Skip(1).Select(File.ReadAllText))
            : "中央网信办近日印发通知,启动为期3个月的专项行动,旨在规范AI服务与应用,促进行业健康发展,保障公民权益。";
        var text = new System.Text.StringBuilder(length + seed.Length);
        while (text.Length < length) text.Append(seed);
        return text.ToString(0, length).ToLowerInvariant();
    }

    public static string DenseText(IReadOnlyList<string> words, int length, int seed)
    {
        var random = new Random(seed);
        var text = new System.Text.StringBuilder(length + 32);
        while (text.Length < length)
        {
            text.Append(words[random.Next(words.Count)]);
            for (int i = random.Next(8, 20); i > 0; i--) text.Append((char)random.Next(0xA000, 0xA400)); // filler no word uses
        }

        return text.ToString(0, length);
    }

    private static string? FindSeeds()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string seeds = Path.Combine(dir.FullName, "shared", "seeds");
            if (Directory.Exists(seeds)) return seeds;
        }

        return null;
    }
}
