using System.Buffers.Binary;
using System.Text;
using Qinglang.Core;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers.Ooxml;

/// <summary>
/// DOCX/XLSX/PPTX (and their macro/template variants): the label is the custom document property <c>AIGC</c> in
/// <c>docProps/custom.xml</c>, registered in <c>[Content_Types].xml</c> and <c>_rels/.rels</c>. Writing copies every
/// other zip entry raw and rewrites only those three parts.
/// </summary>
public sealed class OoxmlCarrier : ILabelCarrier
{
    private static ReadOnlySpan<byte> LocalHeaderMagic => "PK\x03\x04"u8;

    public string Format => "ooxml";

    /// <summary>
    /// A zip whose first local entries (those inside the head) include an OPC or Office part name. A zip that
    /// shows none of them is left alone, whatever its file name.
    /// </summary>
    public bool Detect(ReadOnlySpan<byte> head)
    {
        var position = 0;
        while (head.Length - position >= ZipSignatures.LocalHeaderSize && head[position..].StartsWith(LocalHeaderMagic))
        {
            var header = head[position..];
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
            var compressed = BinaryPrimitives.ReadUInt32LittleEndian(header[18..]);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[26..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            if (header.Length < ZipSignatures.LocalHeaderSize + nameLength)
            {
                break;
            }

            if (IsPackageName(Encoding.Latin1.GetString(header.Slice(ZipSignatures.LocalHeaderSize, nameLength))))
            {
                return true;
            }

            if ((flags & ZipEntry.DescriptorFlag) != 0)
            {
                break; // the data's length is only known after it
            }

            var next = (long)position + ZipSignatures.LocalHeaderSize + nameLength + extraLength + compressed;
            if (next >= head.Length)
            {
                break;
            }

            position = (int)next;
        }

        return false;
    }

    public CarrierScan Read(Stream input)
    {
        var package = OoxmlPackage.Open(input);
        var findings = new List<Finding>();
        var sites = new List<LabelSite>();
        foreach (var entry in package.CustomPartEntries())
        {
            var custom = OpcXml.Load(ZipPartReader.Read(input, entry), entry.Name);
            var found = CustomProperties.ReadSites(custom, entry.Name, findings).ToList();
            if (found.Count > 0)
            {
                CheckRegistered(package, entry.Name, findings);
            }

            sites.AddRange(found);
        }

        return new CarrierScan(sites, findings, package.Format);
    }

    public void Write(Stream input, Stream output, AigcLabel label)
    {
        var package = OoxmlPackage.Open(input);
        var relationships = package.Relationships ?? throw new LabelingException(ProblemCodes.ContainerCorrupt, $"the package has no {OpcNames.RootRelationshipsPart}; it is not a valid OPC package");
        var customEntry = package.Directory.Find(package.CustomPartName);
        var customName = customEntry?.Name ?? package.CustomPartName;
        var existing = customEntry is null ? null : OpcXml.Load(ZipPartReader.Read(input, customEntry), customEntry.Name);
        var custom = OpcXml.Save(CustomProperties.Merge(existing, LabelJson.Serialize(label)));
        var replaced = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        // A label left in an unregistered custom part (the default name, when the relationship points elsewhere)
        // would be a second site: remove it there.
        foreach (var stray in package.CustomPartEntries().Where(e => e != customEntry))
        {
            var part = OpcXml.Load(ZipPartReader.Read(input, stray), stray.Name);
            if (CustomProperties.RemoveLabels(part))
            {
                replaced[stray.Name] = OpcXml.Save(part);
            }
        }

        var added = new List<ZipRewriter.NewPart>();
        if (customEntry is null)
        {
            added.Add(new ZipRewriter.NewPart(customName, custom));
        }
        else
        {
            replaced[customEntry.Name] = custom;
        }

        if (OpcPackageParts.EnsureCustomOverride(package.ContentTypes, customName))
        {
            replaced[package.ContentTypesEntry.Name] = OpcXml.Save(package.ContentTypes);
        }

        if (OpcPackageParts.EnsureCustomRelationship(relationships, customName))
        {
            replaced[package.RelationshipsEntry!.Name] = OpcXml.Save(relationships);
        }

        ZipRewriter.Write(input, output, package.Directory, replaced, added);
    }

    private static bool IsPackageName(string name) =>
        name is OpcNames.ContentTypesPart or OpcNames.RootRelationshipsPart
        || name.StartsWith("docProps/", StringComparison.Ordinal)
        || name.StartsWith("word/", StringComparison.Ordinal)
        || name.StartsWith("xl/", StringComparison.Ordinal)
        || name.StartsWith("ppt/", StringComparison.Ordinal);

    /// <summary>A label in a part that the package does not register is invisible to Office: say so.</summary>
    private static void CheckRegistered(OoxmlPackage package, string customName, List<Finding> findings)
    {
        if (package.Relationships is null || !string.Equals(OpcPackageParts.CustomTarget(package.Relationships), customName, StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(Finding.Warning(ProblemCodes.Form, $"{customName} is not the target of a custom-properties relationship in {OpcNames.RootRelationshipsPart}; Office will not see the label", customName));
        }

        if (OpcPackageParts.ContentTypeOf(package.ContentTypes, customName) != OpcNames.CustomPropertiesContentType)
        {
            findings.Add(Finding.Warning(ProblemCodes.Form, $"{customName} is not registered as {OpcNames.CustomPropertiesContentType} in {OpcNames.ContentTypesPart}", customName));
        }
    }
}
