namespace Qinglang.Review.Metadata;

/// <summary>One named text value found in a file's metadata (PNG text keyword, EXIF tag name, <c>xmp</c> for a packet).</summary>
public sealed record MetadataText(string Key, string Value, string Where);
