using Qinglang.Review.Identifying;
using Qinglang.Review.Metadata;

namespace Qinglang.Review.Traces;

/// <summary>
/// Known generators' names (<see cref="GeneratorNames"/>) in the fields that name the making software or author:
/// EXIF/TIFF Software, Artist, Make, Model; PNG text Software, Author, Source, Generator; XMP CreatorTool,
/// Software, Creator and Make/Model.
/// </summary>
public sealed class GeneratorSoftwareDetector : ITraceDetector
{
    private const int MaxValueLength = 1024;

    private static readonly string[] TextKeys = ["Software", "Artist", "Make", "Model", "Author", "Source", "Generator"];
    private static readonly string[] XmpNames = ["CreatorTool", "Software", "creator", "Make", "Model"];

    public IEnumerable<Evidence> Detect(MediaMetadata metadata)
    {
        foreach (var text in metadata.Texts.Where(t => TextKeys.Contains(t.Key, StringComparer.OrdinalIgnoreCase)))
        {
            if (Check(text.Key, text.Value, text.Where) is { } evidence)
            {
                yield return evidence;
            }
        }

        foreach (var packet in metadata.XmpPackets)
        {
            foreach (var name in XmpNames)
            {
                foreach (var value in XmpProperties.Values(packet.Value, name))
                {
                    if (Check($"XMP {name}", value, packet.Where) is { } evidence)
                    {
                        yield return evidence;
                    }
                }
            }
        }
    }

    private static Evidence? Check(string field, string value, string where)
    {
        var shown = value.Length > MaxValueLength ? value[..MaxValueLength] : value;
        return GeneratorNames.Match(shown) is { } product
            ? new Evidence(EvidenceKinds.GeneratorSoftware, where, $"{field} \"{Shorten(shown)}\" names the generator {product}")
            : null;
    }

    internal static string Shorten(string value) => value.Length <= 120 ? value : value[..117] + "…";
}
