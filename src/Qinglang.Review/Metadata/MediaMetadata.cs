using Qinglang.Review.C2pa;

namespace Qinglang.Review.Metadata;

/// <summary>
/// The metadata identification looks at in one file: text values, XMP packets, C2PA manifest stores, the text body
/// of a text file, and problems met while walking the container.
/// </summary>
public sealed record MediaMetadata(
    string Container,
    IReadOnlyList<MetadataText> Texts,
    IReadOnlyList<MetadataText> XmpPackets,
    IReadOnlyList<C2paStore> C2paStores,
    string? TextContent,
    IReadOnlyList<string> Problems)
{
    public IEnumerable<MetadataText> Named(string key) => Texts.Where(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase));
}
