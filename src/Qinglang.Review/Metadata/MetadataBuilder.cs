using Qinglang.Review.C2pa;

namespace Qinglang.Review.Metadata;

/// <summary>Collects what the container walkers find, then freezes it into a <see cref="MediaMetadata"/>.</summary>
internal sealed class MetadataBuilder(string container)
{
    public string Container { get; set; } = container;
    public List<MetadataText> Texts { get; } = [];
    public List<MetadataText> Xmp { get; } = [];
    public List<C2paStore> C2pa { get; } = [];
    public List<string> Problems { get; } = [];
    public string? TextContent { get; set; }

    public void AddC2pa(ReadOnlyMemory<byte> jumbf, string where) => C2pa.Add(C2paStoreReader.Read(jumbf, where));

    public MediaMetadata Build() => new(Container, Texts, Xmp, C2pa, TextContent, Problems);
}
