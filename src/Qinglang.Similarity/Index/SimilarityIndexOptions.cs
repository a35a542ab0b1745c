namespace Qinglang.Similarity.Index;

/// <summary>How a <see cref="SimilarityIndex"/> fingerprints, seals and looks up.</summary>
public sealed record SimilarityIndexOptions
{
    public static SimilarityIndexOptions Default { get; } = new();

    /// <summary>Must equal what the index was built with (checked on open).</summary>
    public FingerprintOptions Fingerprint { get; init; } = FingerprintOptions.Default;

    /// <summary>How band keys are cut from MinHash; postings made otherwise are rebuilt from the log on open.</summary>
    public LshBands Bands { get; init; } = LshBands.Default;

    /// <summary>Judges candidates; only what it calls a match is returned (thresholds in the project README).</summary>
    public SimilarityScorer Scorer { get; init; } = SimilarityScorer.Default;

    /// <summary>Documents kept in the in-memory delta before they are sealed into a postings segment (bounds memory).</summary>
    public int SealEvery { get; init; } = 65_536;

    /// <summary>Segments allowed before all are merged into one (bounds query cost).</summary>
    public int MaxSegments { get; init; } = 4;

    /// <summary>
    /// Most candidates scored per query, those sharing the most band keys first: a text made of boilerplate shared by
    /// thousands of documents costs this many comparisons, not thousands.
    /// </summary>
    public int MaxCandidates { get; init; } = 256;

    /// <summary>Threads fingerprinting in <see cref="SimilarityIndex.AddRange"/>.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
