namespace Qinglang.Similarity.Spin.Bench;

/// <summary>One clean text the harness spins: a paragraph (at most ~400 characters) and the document it came from.</summary>
internal sealed record CleanDocument(string Source, string Text);

/// <summary>
/// The clean texts: seed 001, seed 000 without its spam first line, the project's reconstruction of seed 002's
/// original wording (the test data file), and the project's own texts in Texts/. Split into paragraphs of at least
/// 50 characters; longer paragraphs cut at sentence ends into pieces of at most ~400.
/// </summary>
internal static class Corpus
{
    private const int MinLength = 50;
    private const int MaxLength = 400;

    public static List<CleanDocument> Load()
    {
        var root = RepositoryRoot();
        var seeds = SeedsFolder(root);
        var sources = new List<(string Name, string Text)>
        {
            ("seed 001", File.ReadAllText(Directory.GetFiles(seeds, "001_*.txt").Single())),
            ("seed 000", string.Join('\n', File.ReadAllLines(Directory.GetFiles(seeds, "000_*.txt").Single()).Skip(1))),
            ("faithful 002", File.ReadAllText(Path.Combine(root, "tests", "Qinglang.Similarity.Tests", "Data", "deep-synthesis-faithful.txt"))),
        };
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Texts"), "*.txt").Order(StringComparer.Ordinal))
        {
            sources.Add((Path.GetFileNameWithoutExtension(file), File.ReadAllText(file)));
        }

        var documents = new List<CleanDocument>();
        foreach (var (name, text) in sources)
        {
            foreach (var paragraph in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var piece in Pieces(paragraph))
                {
                    if (piece.Length >= MinLength)
                    {
                        documents.Add(new CleanDocument(name, piece));
                    }
                }
            }
        }

        return documents;
    }

    private static IEnumerable<string> Pieces(string paragraph)
    {
        var start = 0;
        var lastEnd = -1;
        for (var i = 0; i < paragraph.Length; i++)
        {
            if (paragraph[i] is '。' or '！' or '？' or '；')
            {
                lastEnd = i + 1;
            }

            if (i - start >= MaxLength && lastEnd > start)
            {
                yield return paragraph[start..lastEnd];
                start = lastEnd;
            }
        }

        if (start < paragraph.Length)
        {
            yield return paragraph[start..];
        }
    }

    private static string RepositoryRoot()
    {
        foreach (var begin in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(begin); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Qinglang.slnx")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("run from inside the repository: no Qinglang.slnx found.");
    }

    private static string SeedsFolder(string root)
    {
        for (var folder = Directory.GetParent(root); folder is not null; folder = folder.Parent)
        {
            var seeds = Path.Combine(folder.FullName, "shared", "seeds");
            if (Directory.Exists(seeds))
            {
                return seeds;
            }
        }

        throw new DirectoryNotFoundException("no shared/seeds above " + root);
    }
}
