using System.Text;
using Qinglang.Core;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Tests.Model;

public sealed class XmpLabelTests
{
    private const string Json = "{\"Label\":\"1\",\"ContentProducer\":\"p\",\"ProduceID\":\"i\"}";

    [Fact]
    public void ReadsElementFormUnderAnyPrefix()
    {
        var xmp = $"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description rdf:about='' xmlns:tc260='{XmpNames.Tc260Uri}'><tc260:AIGC>{Json}</tc260:AIGC></rdf:Description></rdf:RDF></x:xmpmeta>";
        var sites = XmpLabel.ReadSites(xmp, "test", new List<Finding>());
        Assert.Equal(Json, Assert.Single(sites).Value);
    }

    [Fact]
    public void ReadsAttributeFormWithEntityEscapedJson()
    {
        var escaped = Json.Replace("\"", "&quot;");
        var xmp = $"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description rdf:about='' xmlns:AI='{XmpNames.Tc260Uri}' AI:AIGC=\"{escaped}\"/></rdf:RDF></x:xmpmeta>";
        var site = Assert.Single(XmpLabel.ReadSites(xmp, "test", new List<Finding>()));
        Assert.Equal(Json, site.Value);
        Assert.Contains("attribute", site.Location);
    }

    [Fact]
    public void IgnoresAigcInOtherNamespaces()
    {
        var xmp = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description rdf:about='' xmlns:o='http://example.com/other/'><o:AIGC>x</o:AIGC></rdf:Description></rdf:RDF></x:xmpmeta>";
        Assert.Empty(XmpLabel.ReadSites(xmp, "test", new List<Finding>()));
    }

    [Fact]
    public void MergeReplacesEveryOldSiteAndKeepsOtherProperties()
    {
        var xmp = $"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/' xmlns:AI='{XmpNames.Tc260Uri}' AI:AIGC='old'><dc:format>image/png</dc:format><AI:AIGC>older</AI:AIGC><AI:Other>keep</AI:Other></rdf:Description></rdf:RDF></x:xmpmeta>";
        var merged = Encoding.UTF8.GetString(XmpLabel.Merge(xmp, Json));
        var site = Assert.Single(XmpLabel.ReadSites(merged, "test", new List<Finding>()));
        Assert.Equal(Json, site.Value);
        Assert.Contains("image/png", merged);
        Assert.Contains("keep", merged);
        Assert.StartsWith("<?xpacket begin=", merged);
        Assert.EndsWith("<?xpacket end=\"w\"?>", merged);
    }

    [Fact]
    public void RefusesDtdEntityExpansion()
    {
        var evil = "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'>]><x>AIGC &a;</x>";
        var findings = new List<Finding>();
        Assert.Empty(XmpLabel.ReadSites(evil, "test", findings));
        Assert.Contains(findings, f => f.Code == "label.xmp_malformed");
    }
}
