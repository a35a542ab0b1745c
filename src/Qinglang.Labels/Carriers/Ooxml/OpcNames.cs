using System.Xml.Linq;

namespace Qinglang.Labels.Carriers.Ooxml;

/// <summary>Part names, namespaces, content types and relationship types of OPC (ECMA-376 Part 2) and OOXML custom properties.</summary>
internal static class OpcNames
{
    public const string ContentTypesPart = "[Content_Types].xml";
    public const string RootRelationshipsPart = "_rels/.rels";
    public const string DefaultCustomPart = "docProps/custom.xml";

    public const string CustomPropertiesContentType = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
    public const string CustomPropertiesRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";

    /// <summary>Strict OOXML (ISO/IEC 29500 strict) names the same relationship differently.</summary>
    public const string StrictCustomPropertiesRelationship = "http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties";

    /// <summary>The format id every custom document property carries (FMTID_UserDefinedProperties).</summary>
    public const string UserDefinedFmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

    public static readonly XNamespace ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";
    public static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    public static readonly XNamespace CustomProperties = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
    public static readonly XNamespace VariantTypes = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";

    /// <summary>Main part content types and the precise format each one means.</summary>
    private static readonly (string ContentType, string Format)[] MainParts =
    [
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "docx"),
        ("application/vnd.ms-word.document.macroEnabled.main+xml", "docm"),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml", "dotx"),
        ("application/vnd.ms-word.template.macroEnabledTemplate.main+xml", "dotm"),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xlsx"),
        ("application/vnd.ms-excel.sheet.macroEnabled.main+xml", "xlsm"),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml", "xltx"),
        ("application/vnd.ms-excel.template.macroEnabled.main+xml", "xltm"),
        ("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "pptx"),
        ("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml", "pptm"),
        ("application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml", "ppsx"),
        ("application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml", "ppsm"),
        ("application/vnd.openxmlformats-officedocument.presentationml.template.main+xml", "potx"),
        ("application/vnd.ms-powerpoint.template.macroEnabled.main+xml", "potm"),
    ];

    public static string? FormatOf(string contentType) =>
        MainParts.FirstOrDefault(p => p.ContentType.Equals(contentType.Trim(), StringComparison.OrdinalIgnoreCase)).Format;

    public static bool IsOfficeDocumentRelationship(string? type) =>
        type is "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
            or "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";

    public static bool IsCustomPropertiesRelationship(string? type) =>
        type is CustomPropertiesRelationship or StrictCustomPropertiesRelationship;
}
