using System.Xml.Linq;

namespace Qinglang.Labels.Carriers.Ooxml;

/// <summary>
/// The two OPC parts that make a custom-properties part visible: the content type registry
/// (<c>[Content_Types].xml</c>) and the package relationships (<c>_rels/.rels</c>). Office ignores a custom part
/// that either one does not register.
/// </summary>
internal static class OpcPackageParts
{
    /// <summary>
    /// The precise format (docx, xlsx, pptm, …): the content type of the part the officeDocument relationship
    /// targets (System.IO.Packaging registers it through an extension default, Office through an override); else
    /// any registered main content type; else null.
    /// </summary>
    public static string? MainFormat(XDocument contentTypes, XDocument? relationships)
    {
        var main = relationships?.Root?.Elements(OpcNames.Relationships + "Relationship")
            .Where(r => OpcNames.IsOfficeDocumentRelationship((string?)r.Attribute("Type")))
            .Select(r => ((string?)r.Attribute("Target"))?.TrimStart('/'))
            .FirstOrDefault(t => !string.IsNullOrEmpty(t));
        if (main is not null && ContentTypeOf(contentTypes, main) is { } type && OpcNames.FormatOf(type) is { } format)
        {
            return format;
        }

        return contentTypes.Root?.Elements()
            .Select(o => OpcNames.FormatOf((string?)o.Attribute("ContentType") ?? ""))
            .FirstOrDefault(f => f is not null);
    }

    /// <summary>The content type registered for a part (override first, then the extension default), or null.</summary>
    public static string? ContentTypeOf(XDocument contentTypes, string partName)
    {
        var root = contentTypes.Root;
        if (root is null)
        {
            return null;
        }

        var absolute = "/" + partName;
        var match = root.Elements(OpcNames.ContentTypes + "Override")
            .FirstOrDefault(o => string.Equals((string?)o.Attribute("PartName"), absolute, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return (string?)match.Attribute("ContentType");
        }

        var extension = Path.GetExtension(partName).TrimStart('.');
        return (string?)root.Elements(OpcNames.ContentTypes + "Default")
            .FirstOrDefault(d => string.Equals((string?)d.Attribute("Extension"), extension, StringComparison.OrdinalIgnoreCase))
            ?.Attribute("ContentType");
    }

    /// <summary>Registers the custom-properties content type for <paramref name="partName"/>; false when it already was.</summary>
    public static bool EnsureCustomOverride(XDocument contentTypes, string partName)
    {
        var root = contentTypes.Root;
        if (root is null || root.Name != OpcNames.ContentTypes + "Types")
        {
            throw new ContainerFormatException($"{OpcNames.ContentTypesPart} has no Types root element");
        }

        var absolute = "/" + partName;
        var overrides = root.Elements(OpcNames.ContentTypes + "Override")
            .Where(o => string.Equals((string?)o.Attribute("PartName"), absolute, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (overrides.Count == 1 && (string?)overrides[0].Attribute("ContentType") == OpcNames.CustomPropertiesContentType)
        {
            return false;
        }

        overrides.ForEach(o => o.Remove());
        root.Add(new XElement(
            OpcNames.ContentTypes + "Override",
            new XAttribute("PartName", absolute),
            new XAttribute("ContentType", OpcNames.CustomPropertiesContentType)));
        return true;
    }

    /// <summary>The part the package's custom-properties relationship targets (no leading slash), or null.</summary>
    public static string? CustomTarget(XDocument relationships) =>
        CustomRelationships(relationships)
            .Select(r => ((string?)r.Attribute("Target"))?.TrimStart('/'))
            .FirstOrDefault(t => !string.IsNullOrEmpty(t));

    /// <summary>Adds the custom-properties relationship to <paramref name="partName"/>; false when it is already there.</summary>
    public static bool EnsureCustomRelationship(XDocument relationships, string partName)
    {
        var root = relationships.Root;
        if (root is null || root.Name != OpcNames.Relationships + "Relationships")
        {
            throw new ContainerFormatException($"{OpcNames.RootRelationshipsPart} has no Relationships root element");
        }

        if (CustomRelationships(relationships).Any(r => string.Equals(((string?)r.Attribute("Target"))?.TrimStart('/'), partName, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var ids = root.Elements(OpcNames.Relationships + "Relationship").Select(r => (string?)r.Attribute("Id")).ToHashSet(StringComparer.Ordinal);
        var number = ids.Count + 1;
        while (ids.Contains($"rId{number}"))
        {
            number++;
        }

        root.Add(new XElement(
            OpcNames.Relationships + "Relationship",
            new XAttribute("Id", $"rId{number}"),
            new XAttribute("Type", OpcNames.CustomPropertiesRelationship),
            new XAttribute("Target", partName)));
        return true;
    }

    private static IEnumerable<XElement> CustomRelationships(XDocument relationships) =>
        relationships.Root?.Elements(OpcNames.Relationships + "Relationship")
            .Where(r => OpcNames.IsCustomPropertiesRelationship((string?)r.Attribute("Type"))
                && !string.Equals((string?)r.Attribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase))
        ?? [];
}
