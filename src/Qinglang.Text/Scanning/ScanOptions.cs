namespace Qinglang.Text.Scanning;

/// <summary>What a scan runs with: the feature libraries (lexicons) to load next to the built-in detectors.</summary>
public sealed record ScanOptions
{
    /// <summary>Lexicon files, in the order given; each becomes one lexicon detector.</summary>
    public IReadOnlyList<string> LexiconPaths { get; init; } = [];
}
