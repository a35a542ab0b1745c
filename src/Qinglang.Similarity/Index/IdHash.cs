namespace Qinglang.Similarity.Index;

/// <summary>
/// The 64-bit id hash stored in the document table: FNV-1a over the UTF-16 units, then the splitmix64 finalizer.
/// Part of the on-disk format (never the runtime's randomized string hash); a match is confirmed on the record.
/// </summary>
internal static class IdHash
{
    public static ulong Of(string id)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var ch in id)
        {
            h = (h ^ ch) * 0x100000001B3UL;
        }

        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }

    /// <summary>The 32-bit postings key of a 64-bit band key.</summary>
    public static uint BandKey32(ulong bandKey) => (uint)(bandKey >> 32) ^ (uint)bandKey;
}
