namespace Qinglang.Similarity;

/// <summary>
/// What <see cref="TextFingerprinter"/> keeps of a text. Two sets of shingles are kept:
/// canonical shingles (spin substitutions mapped back, circular within each clause so clause rotation and reordering
/// do not change them) and raw shingles (the text as written, plain n-grams across clauses, so they do change).
/// A spun copy is close in the first and notably farther in the second (<see cref="SimilarityScorer"/>).
/// </summary>
public sealed record Fingerprint
{
    /// <summary>K MinHash values over the distinct canonical shingles; all <see cref="uint.MaxValue"/> for a text without any.</summary>
    public required uint[] MinHash { get; init; }

    /// <summary>64-bit SimHash over the canonical shingles (0 for a text without any).</summary>
    public required ulong SimHash { get; init; }

    /// <summary>Normalized characters that carried content (letters, digits, ideographs), punctuation and spaces not counted.</summary>
    public required int Length { get; init; }

    /// <summary>Distinct canonical shingles: exact when <see cref="SampleLevel"/> is 0, otherwise estimated from the sample.</summary>
    public required int ShingleCount { get; init; }

    /// <summary>
    /// Sorted, distinct 32-bit canonical shingle hashes: all of them when <see cref="SampleLevel"/> is 0, otherwise those
    /// whose top <see cref="SampleLevel"/> bits are zero (a prefix of the full sorted set, about 2^-level of it).
    /// </summary>
    public required uint[] Shingles { get; init; }

    /// <summary>How many top bits a kept shingle hash has zero; 0 = every shingle is kept.</summary>
    public required int SampleLevel { get; init; }

    /// <summary>Sorted, distinct 32-bit raw shingle hashes, sampled the same way at <see cref="RawSampleLevel"/>.</summary>
    public required uint[] RawShingles { get; init; }

    /// <summary>Sampling level of <see cref="RawShingles"/>.</summary>
    public required int RawSampleLevel { get; init; }

    /// <summary>Distinct raw shingles (exact at level 0, else estimated).</summary>
    public required int RawShingleCount { get; init; }

    /// <summary>How many times the spin table replaced a word by a different canonical form.</summary>
    public required int Substitutions { get; init; }

    /// <summary>True when the text had no shingle at all (empty, or only punctuation, spaces and symbols).</summary>
    public bool IsEmpty => ShingleCount == 0;
}
