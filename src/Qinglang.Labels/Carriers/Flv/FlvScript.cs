using Qinglang.Labels.IO;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Flv;

/// <summary>A decoded script data tag: its name (<c>onMetaData</c>, …) and AMF0 values.</summary>
internal sealed record FlvScript(FlvTag Tag, List<Amf0Value> Values)
{
    public const string MetaDataName = "onMetaData";

    /// <summary>Script tags larger than this are not decoded (they are still copied).</summary>
    public const int MaxScriptSize = 16 << 20;

    public string Name => Values.Count > 0 && Values[0] is Amf0String name ? name.Text : "";

    /// <summary>The objects and ECMA arrays among the tag's values (onMetaData has one, after its name).</summary>
    public IEnumerable<Amf0Object> Objects => Values.Skip(1).OfType<Amf0Object>();

    public static FlvScript Load(Stream input, FlvTag tag)
    {
        input.Position = tag.DataOffset;
        var data = input.ReadBlock(tag.DataSize, MaxScriptSize, $"script tag at {tag.Offset}");
        return new FlvScript(tag, Amf0Codec.DecodeAll(data));
    }

    public static bool IsLabelName(Amf0Property property) => property.Name.Trim().Equals(XmpNames.Property, StringComparison.OrdinalIgnoreCase);

    /// <summary>Removes every AIGC member of the tag's objects; true when one was there.</summary>
    public bool RemoveLabels() => Objects.Aggregate(false, (changed, obj) => obj.Properties.RemoveAll(IsLabelName) > 0 | changed);
}
