namespace Qinglang.Text.Recall;

/// <summary>
/// Clean Chinese text for counting false positives: seeds 001 and 002 (news), seed 000 without its first line (the
/// injected spam; the news page under it must stay clean), and the everyday paragraphs of <see cref="Sentences"/>.
/// </summary>
public static class CleanCorpus
{
    /// <summary>Named texts; empty seeds are skipped when no shared/seeds folder is found above the program.</summary>
    public static IReadOnlyList<(string Name, string Text)> Load(string? seedsFolder = null)
    {
        var texts = new List<(string, string)>();
        var folder = seedsFolder ?? FindSeeds();
        if (folder is not null)
        {
            foreach (var file in Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                var text = File.ReadAllText(file);
                texts.Add((name, name.StartsWith("000_", StringComparison.Ordinal) ? WithoutFirstLine(text) : text));
            }
        }

        for (int i = 0; i < Sentences.CleanParagraphs.Count; i++)
        {
            texts.Add(($"paragraph {i + 1}", Sentences.CleanParagraphs[i]));
        }

        return texts;
    }

    public static string WithoutFirstLine(string text)
    {
        int newline = text.IndexOf('\n');
        return newline < 0 ? "" : text[(newline + 1)..];
    }

    /// <summary>shared/seeds in the nearest folder above the program that has one (the main checkout or a worktree's parent).</summary>
    public static string? FindSeeds()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var seeds = Path.Combine(dir.FullName, "shared", "seeds");
                if (Directory.Exists(seeds)) return seeds;
            }
        }

        return null;
    }
}
