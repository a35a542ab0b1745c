using System.Xml.Linq;

namespace Qinglang.Labels.Carriers.Ooxml;

/// <summary>An opened OPC package: its zip directory and the registry parts that say what it is and where its custom properties live.</summary>
internal sealed class OoxmlPackage
{
    private OoxmlPackage(ZipDirectory directory, ZipEntry contentTypesEntry, XDocument contentTypes, ZipEntry? relationshipsEntry, XDocument? relationships)
    {
        Directory = directory;
        ContentTypesEntry = contentTypesEntry;
        ContentTypes = contentTypes;
        RelationshipsEntry = relationshipsEntry;
        Relationships = relationships;
        CustomPartName = (relationships is null ? null : OpcPackageParts.CustomTarget(relationships)) ?? OpcNames.DefaultCustomPart;
        Format = OpcPackageParts.MainFormat(contentTypes, relationships);
    }

    public ZipDirectory Directory { get; }
    public ZipEntry ContentTypesEntry { get; }
    public XDocument ContentTypes { get; }
    public ZipEntry? RelationshipsEntry { get; }
    public XDocument? Relationships { get; }

    /// <summary>Where the custom properties are (from the package relationship), else where Office puts them.</summary>
    public string CustomPartName { get; }

    /// <summary>docx, xlsx, pptx, … from the main part's content type; null for another kind of OPC package.</summary>
    public string? Format { get; }

    /// <summary>
    /// The custom-properties parts present: the registered one, and <c>docProps/custom.xml</c> when the relationship
    /// points elsewhere (a label hidden there still counts as a site).
    /// </summary>
    public IEnumerable<ZipEntry> CustomPartEntries() =>
        new[] { CustomPartName, OpcNames.DefaultCustomPart }
            .Select(Directory.Find)
            .OfType<ZipEntry>()
            .Distinct();

    public static OoxmlPackage Open(Stream input)
    {
        var directory = ZipDirectory.Read(input);
        var contentTypesEntry = directory.Find(OpcNames.ContentTypesPart)
            ?? throw new ContainerFormatException($"zip has no {OpcNames.ContentTypesPart}; it is not an Office Open XML package");
        var contentTypes = OpcXml.Load(ZipPartReader.Read(input, contentTypesEntry), contentTypesEntry.Name);
        var relationshipsEntry = directory.Find(OpcNames.RootRelationshipsPart);
        var relationships = relationshipsEntry is null ? null : OpcXml.Load(ZipPartReader.Read(input, relationshipsEntry), relationshipsEntry.Name);
        return new OoxmlPackage(directory, contentTypesEntry, contentTypes, relationshipsEntry, relationships);
    }
}
