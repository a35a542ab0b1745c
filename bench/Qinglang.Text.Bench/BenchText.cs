namespace Qinglang.Text.Bench;

/// <summary>About 1 MB (UTF-16 units) of Chinese text made by repeating the seed documents in ../shared/seeds.</summary>
internal static class BenchText
{
    public const int Length = 1 << 20;

    public static string Chinese()
    {
        var seeds = Directory.GetFiles(Path.Combine(SharedDirectory(), "seeds"), "*.txt").Order().Select(File.ReadAllText);
        var corpus = string.Concat(seeds);
        var text = new char[Length];
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = corpus[i % corpus.Length];
        }

        // Don't cut a surrogate pair at the end.
        if (char.IsHighSurrogate(text[^1]))
        {
            text[^1] = ' ';
        }

        return new string(text);
    }

    private static string SharedDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var shared = Path.Combine(dir.FullName, "shared", "seeds");
            if (File.Exists(Path.Combine(dir.FullName, "Qinglang.slnx")) || Directory.Exists(shared))
            {
                for (var up = dir; up is not null; up = up.Parent)
                {
                    if (Directory.Exists(Path.Combine(up.FullName, "shared", "seeds")))
                    {
                        return Path.Combine(up.FullName, "shared");
                    }
                }
            }
        }

        throw new InvalidOperationException("shared/seeds not found above " + AppContext.BaseDirectory);
    }
}
