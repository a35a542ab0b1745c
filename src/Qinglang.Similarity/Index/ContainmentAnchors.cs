namespace Qinglang.Similarity.Index;

/// <summary>
/// Postings keys that find a short text inside a long one. MinHash LSH only finds pairs of high Jaccard, and a
/// 200-character post quoted in a 5,000-character article has a Jaccard near 0.04; so about one canonical shingle in
/// <see cref="SampleRate"/> (chosen by a hash, the same in every document) is also posted as an anchor. A query sharing
/// at least <see cref="MinHits"/> anchors with a document (fewer when the query has fewer) makes it a candidate.
/// </summary>
internal static class ContainmentAnchors
{
    public const int SampleRate = 16;
    public const int MinHits = 2;

    /// <summary>Anchors posted by more documents than this are common phrases and are not looked up.</summary>
    public const int MaxPostings = 256;

    /// <summary>Part of the LSH configuration id: changing the anchor rule rebuilds postings.</summary>
    public const string Scheme = "a16";

    public static IEnumerable<uint> Keys(Fingerprint fingerprint)
    {
        foreach (var shingle in fingerprint.Shingles)
        {
            var mixed = Mix(shingle | (0xA17C0000UL << 32));
            if (mixed % SampleRate == 0)
            {
                yield return (uint)(mixed >> 32);
            }
        }
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
