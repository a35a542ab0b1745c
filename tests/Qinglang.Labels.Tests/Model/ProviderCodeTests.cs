using Qinglang.Labels.Model;

namespace Qinglang.Labels.Tests.Model;

public sealed class ProviderCodeTests
{
    [Theory]
    [InlineData("001191440300708461136T1XGW3")] // seen in real files
    [InlineData("001191440300708461136T00000")]
    public void AcceptsWellFormedCodes(string code) => Assert.Null(ProviderCode.Check(code));

    [Theory]
    [InlineData("001191440300708461136T1XGW", "27")]
    [InlineData("011191440300708461136T1XGW3", "version")]
    [InlineData("002191440300708461136T1XGW3", "subject")]
    [InlineData("001191440300708461136X1XGW3", "check character")]
    [InlineData("001191440300708461136T3XGW3", "service type")]
    [InlineData("001191440300708461136t1xgw3", "capital")]
    public void RejectsMalformedCodesSayingWhy(string code, string why) =>
        Assert.Contains(why, ProviderCode.Check(code), StringComparison.OrdinalIgnoreCase);
}
