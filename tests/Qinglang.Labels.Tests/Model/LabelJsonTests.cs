using Qinglang.Labels.Model;

namespace Qinglang.Labels.Tests.Model;

public sealed class LabelJsonTests
{
    private const string Bare = "{\"Label\":\"1\",\"ContentProducer\":\"001191440300708461136T1XGW3\",\"ProduceID\":\"id-1\",\"ReservedCode1\":\"\",\"ContentPropagator\":\"\",\"PropagateID\":\"\",\"ReservedCode2\":\"\"}";

    [Fact]
    public void SerializesAllSevenElementsInAnnexEOrder()
    {
        var json = LabelJson.Serialize(new AigcLabel { Label = "1", ContentProducer = "001191440300708461136T1XGW3", ProduceID = "id-1" });
        Assert.Equal(Bare, json);
        Assert.Equal("{\"AIGC\":" + Bare + "}", LabelJson.Serialize(LabelJson.Parse(Bare).Label!, LabelJsonForm.Wrapped));
    }

    [Fact]
    public void ReadsBareAndWrappedForms()
    {
        var bare = LabelJson.Parse(Bare);
        var wrapped = LabelJson.Parse("{\"AIGC\":" + Bare + "}");
        Assert.Equal(LabelJsonForm.Bare, bare.Form);
        Assert.Equal(LabelJsonForm.Wrapped, wrapped.Form);
        Assert.Equal(bare.Label, wrapped.Label);
        Assert.Empty(bare.Findings);
    }

    [Fact]
    public void DecodesEntityEscapedJsonAndSaysSo()
    {
        var parsed = LabelJson.Parse(Bare.Replace("\"", "&quot;"));
        Assert.Equal("id-1", parsed.Label!.ProduceID);
        Assert.Contains(parsed.Findings, f => f.Code == ProblemCodes.EntityEscaped);
    }

    [Fact]
    public void AcceptsVendorDeviationsAndReportsEach()
    {
        var parsed = LabelJson.Parse("{\"aigc\":{\"label\":1,\"ContentProducer\":\"x\",\"ProduceID\":\"y\",\"Model\":\"z\"}}");
        Assert.Equal("1", parsed.Label!.Label);
        Assert.Contains(parsed.Findings, f => f.Code == ProblemCodes.ValueType);
        Assert.Contains(parsed.Findings, f => f.Code == ProblemCodes.ElementCase);
        Assert.Contains(parsed.Findings, f => f.Code == ProblemCodes.UnknownElement);
    }

    [Fact]
    public void DoubleEncodedJsonIsRead()
    {
        var doubled = System.Text.Json.JsonSerializer.Serialize(Bare);
        Assert.Equal("id-1", LabelJson.Parse(doubled).Label!.ProduceID);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void NonLabelsGiveAnError(string raw)
    {
        var parsed = LabelJson.Parse(raw);
        Assert.Null(parsed.Label);
        Assert.Contains(parsed.Findings, f => f.Code == ProblemCodes.InvalidJson);
    }

    [Fact]
    public void RulesCatchBadValuesCharactersAndMissingElements()
    {
        var codes = LabelRules.Validate(new AigcLabel { Label = "AIGC", ContentProducer = "某某科技", PropagateID = "p 1" }).Select(f => f.Code).ToList();
        Assert.Contains(ProblemCodes.InvalidValue, codes);
        Assert.Contains(ProblemCodes.Charset, codes);
        Assert.Contains(ProblemCodes.MissingElement, codes);
    }

    [Fact]
    public void EscapedQuotesAreAllowedButBackslashesAreNot()
    {
        Assert.True(LabelRules.IsAllowedChar('"'));
        Assert.False(LabelRules.IsAllowedChar('\\'));
        Assert.False(LabelRules.IsAllowedChar(' '));
        Assert.False(LabelRules.IsAllowedChar('中'));
    }
}
