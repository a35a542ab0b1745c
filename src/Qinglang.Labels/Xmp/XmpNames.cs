using System.Xml.Linq;

namespace Qinglang.Labels.Xmp;

/// <summary>Namespaces and names of the TC260 XMP property (TC260 guides: namespace URI, prefix TC260, property AIGC).</summary>
public static class XmpNames
{
    public const string Tc260Uri = "http://www.tc260.org.cn/ns/AIGC/1.0/";
    public const string Tc260Prefix = "TC260";
    public const string Property = "AIGC";
    public const string RdfUri = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string XUri = "adobe:ns:meta/";

    public static readonly XNamespace Tc260 = Tc260Uri;
    public static readonly XNamespace Rdf = RdfUri;
    public static readonly XNamespace X = XUri;

    /// <summary>True for the TC260 URI and for near misses seen in real files (case, missing trailing slash, https).</summary>
    public static bool IsTc260(string uri, out bool exact)
    {
        exact = uri == Tc260Uri;
        if (exact)
        {
            return true;
        }

        var normalized = uri.Trim().TrimEnd('/').Replace("https://", "http://", StringComparison.OrdinalIgnoreCase);
        return normalized.Equals(Tc260Uri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }
}
