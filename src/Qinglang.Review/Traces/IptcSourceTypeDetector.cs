using Qinglang.Review.Identifying;
using Qinglang.Review.Metadata;

namespace Qinglang.Review.Traces;

/// <summary>
/// IPTC <c>Iptc4xmpExt:DigitalSourceType</c> in XMP. Only the trained-algorithm codes are machine learning:
/// <c>trainedAlgorithmicMedia</c> and <c>compositeWithTrainedAlgorithmicMedia</c>. Bare <c>algorithmicMedia</c>
/// (media made by a non-learning algorithm) and camera codes are reported without indicating AI.
/// </summary>
public sealed class IptcSourceTypeDetector : ITraceDetector
{
    public const string CodePrefix = "http://cv.iptc.org/newscodes/digitalsourcetype/";

    public IEnumerable<Evidence> Detect(MediaMetadata metadata)
    {
        foreach (var packet in metadata.XmpPackets)
        {
            foreach (var value in XmpProperties.Values(packet.Value, "DigitalSourceType"))
            {
                var code = value.StartsWith(CodePrefix, StringComparison.OrdinalIgnoreCase) ? value[CodePrefix.Length..] : value;
                yield return IsTrained(code)
                    ? new Evidence(EvidenceKinds.IptcSourceType, packet.Where, $"DigitalSourceType {value}: made by a trained algorithm (machine learning)")
                    : Evidence.Note(EvidenceKinds.IptcSourceType, packet.Where, $"DigitalSourceType {value}: not a trained-algorithm code");
            }
        }
    }

    /// <summary>True for the two IPTC codes meaning machine-learning generation (full URI or bare code).</summary>
    public static bool IsTrained(string code)
    {
        var tail = code.StartsWith(CodePrefix, StringComparison.OrdinalIgnoreCase) ? code[CodePrefix.Length..] : code;
        return tail is "trainedAlgorithmicMedia" or "compositeWithTrainedAlgorithmicMedia";
    }
}
