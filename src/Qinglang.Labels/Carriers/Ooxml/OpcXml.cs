using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Qinglang.Labels.Carriers.Ooxml;

/// <summary>Loads and saves package XML parts safely: no DTDs, no external resolution, bounded size.</summary>
internal static class OpcXml
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = ZipPartReader.MaxPartSize,
        IgnoreWhitespace = false,
    };

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        NewLineHandling = NewLineHandling.None,
    };

    /// <summary>Parses a part; malformed XML becomes a <see cref="ContainerFormatException"/> naming the part.</summary>
    public static XDocument Load(byte[] data, string partName)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(data, writable: false), ReaderSettings);
            return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException ex)
        {
            throw new ContainerFormatException($"part {partName} is not well-formed XML: {ex.Message}");
        }
    }

    /// <summary>Serializes with the standalone declaration Office writes, as UTF-8 without a byte order mark.</summary>
    public static byte[] Save(XDocument document)
    {
        document.Declaration = new XDeclaration("1.0", "UTF-8", "yes");
        var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, WriterSettings))
        {
            document.Save(writer);
        }

        return buffer.ToArray();
    }
}
