using System.Globalization;
using System.Xml.Linq;
using Qinglang.Core;
using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Ooxml;

/// <summary>
/// The custom document properties part (ECMA-376 Part 1 §22.3): <c>property</c> elements with a format id, a
/// property id (2 and up) and a name, each holding one variant value. The label is the property named <c>AIGC</c>
/// with a <c>vt:lpwstr</c> value (TC260-PG-20258A).
/// </summary>
internal static class CustomProperties
{
    public const string SiteKind = "ooxml-custom-property";

    /// <summary>Property ids 0 and 1 are reserved (dictionary and code page); user properties start at 2.</summary>
    private const int FirstPid = 2;

    public static IEnumerable<LabelSite> ReadSites(XDocument part, string partName, List<Finding> findings)
    {
        foreach (var property in LabelProperties(part))
        {
            var name = (string?)property.Attribute("name") ?? "";
            var pid = (string?)property.Attribute("pid") ?? "?";
            var where = $"{partName} property '{name}' (pid {pid})";
            var value = property.Elements().FirstOrDefault();
            if (value is null)
            {
                findings.Add(Finding.Error(ProblemCodes.InvalidJson, "the AIGC property holds no value element", where));
                continue;
            }

            if (value.Name != OpcNames.VariantTypes + "lpwstr")
            {
                findings.Add(Finding.Warning(ProblemCodes.Form, $"the AIGC property is a {value.Name.LocalName}; the TC260 guide stores it as vt:lpwstr", where));
            }

            if (name != XmpNames.Property)
            {
                findings.Add(Finding.Warning(ProblemCodes.ElementCase, $"property is named '{name}', not '{XmpNames.Property}'", where));
            }

            if (!string.Equals((string?)property.Attribute("fmtid"), OpcNames.UserDefinedFmtid, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(Finding.Warning(ProblemCodes.Form, $"property fmtid is not {OpcNames.UserDefinedFmtid}", where));
            }

            yield return new LabelSite(SiteKind, where, value.Value);
        }
    }

    /// <summary>
    /// Returns the part carrying exactly one AIGC property holding <paramref name="json"/>: an existing AIGC property
    /// is updated where it stands (keeping its pid), other spellings of it are removed, other properties are kept.
    /// </summary>
    public static XDocument Merge(XDocument? existing, string json)
    {
        var document = existing ?? new XDocument(new XElement(
            OpcNames.CustomProperties + "Properties",
            new XAttribute(XNamespace.Xmlns + "vt", OpcNames.VariantTypes.NamespaceName)));
        var root = document.Root;
        if (root is null || root.Name != OpcNames.CustomProperties + "Properties")
        {
            throw new ContainerFormatException("custom properties part has no Properties root element");
        }

        UseOfficePrefixes(root);

        var sites = LabelProperties(document).ToList();
        var keep = sites.FirstOrDefault(p => (string?)p.Attribute("name") == XmpNames.Property) ?? sites.FirstOrDefault();
        foreach (var other in sites.Where(p => p != keep))
        {
            other.Remove();
        }

        if (keep is null)
        {
            keep = new XElement(
                OpcNames.CustomProperties + "property",
                new XAttribute("fmtid", OpcNames.UserDefinedFmtid),
                new XAttribute("pid", NextPid(root).ToString(CultureInfo.InvariantCulture)),
                new XAttribute("name", XmpNames.Property));
            root.Add(keep);
        }

        keep.SetAttributeValue("fmtid", OpcNames.UserDefinedFmtid);
        keep.SetAttributeValue("name", XmpNames.Property);
        keep.ReplaceNodes(new XElement(OpcNames.VariantTypes + "lpwstr", json));
        return document;
    }

    /// <summary>Removes every AIGC property; true when there was one.</summary>
    public static bool RemoveLabels(XDocument part)
    {
        var sites = LabelProperties(part).ToList();
        sites.ForEach(p => p.Remove());
        return sites.Count > 0;
    }

    /// <summary>
    /// Declares the two namespaces the way Office does (custom properties as the default namespace, variant types as
    /// <c>vt</c>) and drops other declarations of them. The names stay the same XML names; readers that match on
    /// prefixes (exiftool shows custom properties by name only in this layout) then see every property.
    /// </summary>
    private static void UseOfficePrefixes(XElement root)
    {
        foreach (var element in root.DescendantsAndSelf())
        {
            element.Attributes()
                .Where(a => a.IsNamespaceDeclaration && (a.Value == OpcNames.CustomProperties.NamespaceName || a.Value == OpcNames.VariantTypes.NamespaceName))
                .Remove();
        }

        root.SetAttributeValue("xmlns", OpcNames.CustomProperties.NamespaceName);
        root.SetAttributeValue(XNamespace.Xmlns + "vt", OpcNames.VariantTypes.NamespaceName);
    }

    /// <summary>Properties whose name is AIGC in any case or with a prefix (tc260:AIGC): each is a label site.</summary>
    private static IEnumerable<XElement> LabelProperties(XDocument part) =>
        part.Root?.Elements(OpcNames.CustomProperties + "property").Where(p => IsLabelName((string?)p.Attribute("name"))) ?? [];

    private static bool IsLabelName(string? name)
    {
        if (name is null)
        {
            return false;
        }

        var colon = name.LastIndexOf(':');
        return name[(colon + 1)..].Trim().Equals(XmpNames.Property, StringComparison.OrdinalIgnoreCase);
    }

    private static int NextPid(XElement root)
    {
        var max = FirstPid - 1;
        foreach (var property in root.Elements(OpcNames.CustomProperties + "property"))
        {
            if (int.TryParse((string?)property.Attribute("pid"), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > max && pid < int.MaxValue)
            {
                max = pid;
            }
        }

        return max + 1;
    }
}
