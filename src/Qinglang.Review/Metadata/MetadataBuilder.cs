using Qinglang.Labels.Carriers;
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

    /// <summary>
    /// Takes every part a Labels walker yields until it meets a lie (a length beyond the file, a file cut short): the
    /// lie becomes a problem, and what lay before it is still read, since an upload cut short may carry its traces first.
    /// </summary>
    public void Walk<T>(IEnumerable<T> walker, string format, Action<T> read)
    {
        try
        {
            foreach (var part in walker)
            {
                read(part);
            }
        }
        catch (ContainerFormatException ex)
        {
            Problems.Add($"{format}: {ex.Message}");
        }
    }

    public MediaMetadata Build() => new(Container, Texts, Xmp, C2pa, TextContent, Problems);
}
