using Qinglang.Core;
using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Tests.Model;

/// <summary>Reading the same packet again gives exactly what the first parse gave: sites, locations and findings.</summary>
public sealed class XmpSiteMemoTests
{
    private static string Packet(string value, string uri = "https://www.tc260.org.cn/ns/AIGC/1.0") =>
        $"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description rdf:about='' xmlns:T='{uri}'><T:AIGC>{value}</T:AIGC></rdf:Description></rdf:RDF></x:xmpmeta>";

    [Fact]
    public void ARepeatedPacketReportsItsSitesAndFindingsEveryTime()
    {
        for (var round = 0; round < 3; round++)
        {
            var findings = new List<Finding>();
            var site = Assert.Single(XmpLabel.ReadSites(Packet("{\"Label\":\"1\"}"), "APP1 XMP at 2", findings));
            Assert.Equal("{\"Label\":\"1\"}", site.Value);
            Assert.StartsWith("APP1 XMP at 2 ", site.Location);
            Assert.Equal(ProblemCodes.XmpNamespace, Assert.Single(findings).Code); // the near-miss URI, reported on every read
        }
    }

    [Fact]
    public void APacketThatDiffersOrLivesElsewhereIsReadAfresh()
    {
        Assert.Equal("one", Assert.Single(XmpLabel.ReadSites(Packet("one"), "here", new List<Finding>())).Value);
        Assert.Equal("two", Assert.Single(XmpLabel.ReadSites(Packet("two"), "here", new List<Finding>())).Value);
        Assert.StartsWith("there ", Assert.Single(XmpLabel.ReadSites(Packet("two"), "there", new List<Finding>())).Location);

        var exact = new List<Finding>();
        Assert.Single(XmpLabel.ReadSites(Packet("two", XmpNames.Tc260Uri), "there", exact));
        Assert.Empty(exact);
    }

    [Fact]
    public void AMalformedPacketIsReportedEveryTimeToo()
    {
        var broken = Packet("v").Replace("</rdf:RDF>", "", StringComparison.Ordinal);
        for (var round = 0; round < 2; round++)
        {
            var findings = new List<Finding>();
            Assert.Equal("v", Assert.Single(XmpLabel.ReadSites(broken, "x", findings)).Value);
            Assert.Contains(findings, f => f.Code == ProblemCodes.XmpMalformed);
        }
    }
}
