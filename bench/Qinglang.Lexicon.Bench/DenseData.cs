namespace Qinglang.Lexicon.Bench;

/// <summary>
/// The second workload: a crawled public library of common sensitive words over real user comments. Neither is
/// committed; <c>bench/dense/prepare.sh</c> extracts them from public snapshots into <see cref="DefaultRoot"/>, and
/// <c>QINGLANG_DENSE_LEXICON</c> / <c>QINGLANG_DENSE_COMMENTS</c> (or the arguments after <c>--dense</c>) point
/// elsewhere. Shared by the Qinglang report and the ToolGood.Words comparer, so both read exactly the same data.
/// </summary>
internal sealed record DenseData(string Description, IReadOnlyList<string> Words, IReadOnlyList<string> Comments, bool IsReal)
{
    public const string DefaultRoot = "/tmp/qinglang-dense";

    public long CharCount => Comments.Sum(c => (long)c.Length);

    /// <summary>
    /// Loads the real data from <paramref name="lexiconPath"/> (a word-list file or a folder of <c>*.txt</c>) and
    /// <paramref name="commentsPath"/> (a CSV file or folder of them, the comment in the last column, or
    /// <c>*.txt</c> with one comment per line); falls back to the synthetic dense text when either is missing.
    /// </summary>
    public static DenseData Load(string? lexiconPath, string? commentsPath)
    {
        lexiconPath ??= Environment.GetEnvironmentVariable("QINGLANG_DENSE_LEXICON") ?? Path.Combine(DefaultRoot, "lexicon");
        commentsPath ??= Environment.GetEnvironmentVariable("QINGLANG_DENSE_COMMENTS") ?? Path.Combine(DefaultRoot, "comments");
        var lexiconFiles = FilesAt(lexiconPath, "*.txt");
        var commentFiles = FilesAt(commentsPath, "*.csv").Concat(Directory.Exists(commentsPath) ? FilesAt(commentsPath, "*.txt") : []).ToList();
        if (lexiconFiles.Count == 0 || commentFiles.Count == 0)
        {
            var words = Workloads.RandomWords(50_000, 7);
            string text = Workloads.DenseText(words, 20_000_000, 11);
            var comments = Enumerable.Range(0, text.Length / 100).Select(i => text.Substring(i * 100, 100)).ToList();
            return new DenseData($"SYNTHETIC dense text (real data not found at {lexiconPath} and {commentsPath}; run bench/dense/prepare.sh)",
                words, comments, false);
        }

        var library = ReadWords(lexiconFiles);
        var all = commentFiles.SelectMany(ReadComments).ToList();
        return new DenseData($"{library.Count:N0} words from {lexiconPath}, {all.Count:N0} comments from {commentsPath}", library, all, true);
    }

    /// <summary>
    /// Distinct trimmed lines, two characters or longer: one-character entries are dropped for every engine alike,
    /// since Qinglang skips them by design (they fire inside countless ordinary words).
    /// </summary>
    private static List<string> ReadWords(IEnumerable<string> files)
    {
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var line in File.ReadLines(file))
            {
                string word = line.Trim().Trim('\uFEFF');
                if (word.Length >= 2 && !word.Contains('\t', StringComparison.Ordinal)) words.Add(word);
            }
        }

        return [.. words];
    }

    private static IEnumerable<string> ReadComments(string file)
    {
        if (!file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length > 0) yield return line;
            }

            yield break;
        }

        // Header then rows; the leading columns (category, label) hold no commas, the comment is the rest of the row.
        int leading = -1;
        foreach (var line in File.ReadLines(file))
        {
            if (leading < 0)
            {
                leading = line.Count(c => c == ',');
                continue;
            }

            int at = 0;
            for (int i = 0; i < leading && at >= 0; i++) at = line.IndexOf(',', at) is var comma and >= 0 ? comma + 1 : -1;
            if (at < 0 || at >= line.Length) continue;
            string comment = line[at..];
            if (comment.Length >= 2 && comment[0] == '"' && comment[^1] == '"') comment = comment[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            yield return comment;
        }
    }

    private static List<string> FilesAt(string path, string pattern) =>
        File.Exists(path) ? [path]
        : Directory.Exists(path) ? [.. Directory.GetFiles(path, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
        : [];
}
