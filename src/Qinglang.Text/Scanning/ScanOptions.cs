namespace Qinglang.Text.Scanning;

/// <summary>What a scan runs with: the feature libraries (lexicons) to load next to the built-in detectors.</summary>
public sealed record ScanOptions
{
    /// <summary>Lexicon files, in the order given; each becomes one lexicon detector.</summary>
    public IReadOnlyList<string> LexiconPaths { get; init; } = [];

    /// <summary>Also match the curated default library shipped with Qinglang (data/lexicon/default.tsv).</summary>
    public bool UseDefaultLexicon { get; init; } = true;

    /// <summary>
    /// How lexicon matching normalizes text (and entries) to see through evasion; null matches lower-cased text only.
    /// </summary>
    public Normalization.TextNormalizer? Normalizer { get; init; } = Normalization.TextNormalizer.Default;
}
