namespace Qinglang.Similarity.Tests;

/// <summary>The texts the tests compare: the seeds and the project's reconstruction of seed 002's original wording.</summary>
internal static class TestTexts
{
    /// <summary>Data/deep-synthesis-faithful.txt (see Data/README.md).</summary>
    public static string Faithful { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "deep-synthesis-faithful.txt"));

    /// <summary>The faithful text's paragraphs of at least <paramref name="minLength"/> characters.</summary>
    public static IReadOnlyList<string> FaithfulParagraphs(int minLength = 60) =>
        [.. Faithful.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= minLength)];

    public static Fingerprint Print(string text) => TextFingerprinter.Default.Compute(text);

    public static SimilarityScore Compare(string a, string b) => SimilarityScorer.Default.Compare(Print(a), Print(b));
}
