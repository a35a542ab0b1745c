using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Qinglang.Core;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Model;

using Qinglang.Labels.IO;

namespace Qinglang.Labels.Xmp;

/// <summary>
/// Finds the TC260 AIGC property in an XMP packet (element or attribute form, any prefix bound to the TC260 URI),
/// and writes it into a packet, keeping every other property.
/// </summary>
public static partial class XmpLabel
{
    /// <summary>XMP packets larger than this are refused; real packets are kilobytes.</summary>
    public const int MaxPacketBytes = 16 << 20;

    private const string PacketHeader = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>";
    private const string PacketTrailer = "<?xpacket end=\"w\"?>";

    /// <summary>Label sites in an XMP packet. <paramref name="location"/> names where the packet itself lives.</summary>
    public static IEnumerable<LabelSite> ReadSites(ReadOnlySpan<byte> packet, string location, ICollection<Finding> findings)
    {
        var text = DecodePacket(packet);
        return ReadSites(text, location, findings);
    }

    public static IReadOnlyList<LabelSite> ReadSites(string text, string location, ICollection<Finding> findings)
    {
        if (!text.Contains("AIGC", StringComparison.Ordinal))
        {
            return []; // Fast path: most packets have no label; skip the XML parse.
        }

        // The packet a batch writes is read back once per file: parsed once, remembered (small packets only).
        var (sites, found) = text.Length <= MaxRememberedLength ? RecentPackets.GetOrAdd((text, location), Parse) : Parse((text, location));
        foreach (var finding in found)
        {
            findings.Add(finding);
        }

        return [.. sites];
    }

    /// <summary>Packets longer than this are parsed every time: the remembered ones stay a few hundred kilobytes per thread.</summary>
    private const int MaxRememberedLength = 64 << 10;

    private static readonly RecentResults<(string Text, string Location), (LabelSite[] Sites, Finding[] Findings)> RecentPackets = new(4);

    private static (LabelSite[] Sites, Finding[] Findings) Parse((string Text, string Location) packet)
    {
        var (text, location) = packet;
        var sites = new List<LabelSite>();
        var found = new List<Finding>();
        try
        {
            using var reader = XmlReader.Create(new StringReader(text.TrimStart('\uFEFF')), ReaderSettings);
            ScanSites(reader, location, sites, found);
        }
        catch (XmlException ex)
        {
            found.Add(Finding.Warning(ProblemCodes.XmpMalformed, $"XMP packet is not well-formed XML ({ex.Message}); scanned as text", location));
            sites.Clear();
            foreach (Match match in LooseElement().Matches(text))
            {
                sites.Add(new LabelSite("xmp", $"{location} (malformed XMP)", System.Net.WebUtility.HtmlDecode(match.Groups[1].Value)));
            }
        }

        return ([.. sites], [.. found]);
    }

    /// <summary>A streaming pass over the packet: no tree is built, so inspecting many files stays cheap.</summary>
    private static void ScanSites(XmlReader reader, string location, List<LabelSite> sites, ICollection<Finding> findings)
    {
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.HasAttributes)
            {
                for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
                {
                    if (reader.LocalName == XmpNames.Property && XmpNames.IsTc260(reader.NamespaceURI, out var exactAttr))
                    {
                        NoteNamespace(exactAttr, reader.NamespaceURI, location, findings);
                        sites.Add(new LabelSite("xmp", $"{location} {reader.Prefix}:{XmpNames.Property} attribute", reader.Value));
                    }
                }

                reader.MoveToElement();
            }

            if (reader.LocalName == XmpNames.Property && XmpNames.IsTc260(reader.NamespaceURI, out var exact))
            {
                NoteNamespace(exact, reader.NamespaceURI, location, findings);
                var where = $"{location} {reader.Prefix}:{XmpNames.Property} element";
                // The value is the element's text, also when a writer wrapped it in rdf:Alt/rdf:li.
                var value = reader.IsEmptyElement ? "" : InnerText(reader.ReadSubtree());
                sites.Add(new LabelSite("xmp", where, value));
            }
        }
    }

    private static string InnerText(XmlReader subtree)
    {
        using (subtree)
        {
            var text = new StringBuilder();
            while (subtree.Read())
            {
                if (subtree.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
                {
                    text.Append(subtree.Value);
                }
            }

            return text.ToString().Trim();
        }
    }

    /// <summary>
    /// Returns an XMP packet holding <paramref name="labelJson"/> as the one TC260:AIGC element. An existing packet
    /// keeps all its other properties; every earlier AIGC element or attribute is removed.
    /// </summary>
    /// <param name="padding">Bytes of whitespace padding before the trailer, so later in-place edits fit.</param>
    public static byte[] Merge(ReadOnlySpan<byte> existingPacket, string labelJson, int padding = 2048)
    {
        var text = existingPacket.IsEmpty ? null : DecodePacket(existingPacket);
        return Merge(text, labelJson, padding);
    }

    public static byte[] Merge(string? existingPacket, string labelJson, int padding = 2048)
    {
        if (string.IsNullOrWhiteSpace(existingPacket))
        {
            return NewPacket(labelJson, padding);
        }

        XDocument document;
        try
        {
            document = string.IsNullOrWhiteSpace(existingPacket) ? NewDocument() : Parse(existingPacket);
        }
        catch (XmlException)
        {
            // A malformed packet cannot be merged into; a fresh one replaces it rather than writing a second label site.
            document = NewDocument();
        }

        var rdf = document.Descendants(XmpNames.Rdf + "RDF").FirstOrDefault();
        if (rdf is null)
        {
            document = NewDocument();
            rdf = document.Descendants(XmpNames.Rdf + "RDF").First();
        }

        XElement? target = null;
        foreach (var element in document.Descendants().ToList())
        {
            if (element.Name.LocalName == XmpNames.Property && XmpNames.IsTc260(element.Name.NamespaceName, out _))
            {
                target ??= element.Parent;
                element.Remove();
            }

            foreach (var attribute in element.Attributes().ToList())
            {
                if (attribute.Name.LocalName == XmpNames.Property && XmpNames.IsTc260(attribute.Name.NamespaceName, out _))
                {
                    target ??= element;
                    attribute.Remove();
                }
            }
        }

        // Prefer a description that already binds the TC260 namespace, so the property joins its siblings.
        target ??= rdf.Elements(XmpNames.Rdf + "Description").FirstOrDefault(d => d.Attributes().Any(a => a.IsNamespaceDeclaration && XmpNames.IsTc260(a.Value, out _)));
        if (target is null)
        {
            target = new XElement(XmpNames.Rdf + "Description",
                new XAttribute(XmpNames.Rdf + "about", ""),
                new XAttribute(XNamespace.Xmlns + XmpNames.Tc260Prefix, XmpNames.Tc260Uri));
            rdf.Add(target);
        }

        var ns = target.Attributes().FirstOrDefault(a => a.IsNamespaceDeclaration && XmpNames.IsTc260(a.Value, out _))?.Value ?? XmpNames.Tc260Uri;
        if (target.GetPrefixOfNamespace(ns) is null)
        {
            target.Add(new XAttribute(XNamespace.Xmlns + XmpNames.Tc260Prefix, ns));
        }

        target.Add(new XElement(XNamespace.Get(ns) + XmpNames.Property, labelJson));
        return Serialize(document, padding);
    }

    /// <summary>Removes every TC260 AIGC property from a packet; returns null when the packet had none.</summary>
    public static byte[]? Remove(ReadOnlySpan<byte> packet)
    {
        var text = DecodePacket(packet);
        if (!text.Contains("AIGC", StringComparison.Ordinal))
        {
            return null;
        }

        XDocument document;
        try
        {
            document = Parse(text);
        }
        catch (XmlException)
        {
            return null;
        }

        var changed = false;
        foreach (var element in document.Descendants().ToList())
        {
            if (element.Name.LocalName == XmpNames.Property && XmpNames.IsTc260(element.Name.NamespaceName, out _))
            {
                element.Remove();
                changed = true;
            }

            foreach (var attribute in element.Attributes().Where(a => a.Name.LocalName == XmpNames.Property && XmpNames.IsTc260(a.Name.NamespaceName, out _)).ToList())
            {
                attribute.Remove();
                changed = true;
            }
        }

        return changed ? Serialize(document, 0) : null;
    }

    public static string DecodePacket(ReadOnlySpan<byte> packet)
    {
        if (packet.Length > MaxPacketBytes)
        {
            throw new ContainerFormatException($"XMP packet of {packet.Length} bytes is larger than {MaxPacketBytes}");
        }

        // XMP is UTF-8 unless a BOM says UTF-16 (allowed by the XMP spec, seen in TIFF files).
        if (packet.Length >= 2 && packet[0] == 0xFE && packet[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(packet[2..]);
        }

        if (packet.Length >= 2 && packet[0] == 0xFF && packet[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(packet[2..]);
        }

        return Encoding.UTF8.GetString(packet).TrimEnd('\0');
    }

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxPacketBytes,
        IgnoreProcessingInstructions = false,
    };

    private static XDocument Parse(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text.TrimStart('\uFEFF')), ReaderSettings);
        return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
    }

    /// <summary>A fresh packet holding only the label, built as text: the common case needs no XML tree.</summary>
    private static byte[] NewPacket(string labelJson, int padding)
    {
        var escaped = labelJson.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        var body = $"<x:xmpmeta xmlns:x=\"{XmpNames.XUri}\" x:xmptk=\"Qinglang\"><rdf:RDF xmlns:rdf=\"{XmpNames.RdfUri}\"><rdf:Description rdf:about=\"\" xmlns:{XmpNames.Tc260Prefix}=\"{XmpNames.Tc260Uri}\"><{XmpNames.Tc260Prefix}:{XmpNames.Property}>{escaped}</{XmpNames.Tc260Prefix}:{XmpNames.Property}></rdf:Description></rdf:RDF></x:xmpmeta>";
        return Wrap(body, padding);
    }

    private static XDocument NewDocument() => new(
        new XProcessingInstruction("xpacket", "begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\""),
        new XElement(XmpNames.X + "xmpmeta",
            new XAttribute(XNamespace.Xmlns + "x", XmpNames.XUri),
            new XAttribute(XmpNames.X + "xmptk", "Qinglang"),
            new XElement(XmpNames.Rdf + "RDF",
                new XAttribute(XNamespace.Xmlns + "rdf", XmpNames.RdfUri))),
        new XProcessingInstruction("xpacket", "end=\"w\""));

    private static byte[] Serialize(XDocument document, int padding)
    {
        // Drop the packet wrapper processing instructions and write them by hand, with padding before the trailer.
        foreach (var pi in document.Nodes().OfType<XProcessingInstruction>().Where(p => p.Target == "xpacket").ToList())
        {
            pi.Remove();
        }

        return Wrap(document.Root!.ToString(SaveOptions.DisableFormatting), padding);
    }

    private static byte[] Wrap(string body, int padding)
    {
        var builder = new StringBuilder(PacketHeader.Length + body.Length + padding + PacketTrailer.Length + 2);
        builder.Append(PacketHeader).Append(body);
        if (padding > 0)
        {
            builder.Append('\n');
            for (var written = 0; written < padding; written += 100)
            {
                builder.Append(' ', Math.Min(99, padding - written)).Append('\n');
            }
        }

        builder.Append(PacketTrailer);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void NoteNamespace(bool exact, string uri, string location, ICollection<Finding> findings)
    {
        if (!exact)
        {
            findings.Add(Finding.Warning(ProblemCodes.XmpNamespace, $"AIGC property is bound to '{uri}', not '{XmpNames.Tc260Uri}'", location));
        }
    }

    [GeneratedRegex(@"<[A-Za-z0-9_]+:AIGC[^>]*>([^<]*)</[A-Za-z0-9_]+:AIGC>", RegexOptions.CultureInvariant)]
    private static partial Regex LooseElement();
}
