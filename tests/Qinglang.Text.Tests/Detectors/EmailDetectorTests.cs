using Qinglang.Core;
using Qinglang.Text.Detectors;

namespace Qinglang.Text.Tests.Detectors;

public sealed class EmailDetectorTests
{
    private readonly EmailDetector _detector = new();

    [Theory]
    [InlineData("邮箱：zhang.san+news@mail.example.com，谢谢", "zhang.san+news@mail.example.com")]
    [InlineData("ａｂｃ＠ｅｘａｍｐｌｅ．ｃｏｍ", "ａｂｃ＠ｅｘａｍｐｌｅ．ｃｏｍ")]
    [InlineData("Write to Admin@Example.CN.", "Admin@Example.CN")]
    public void FindsAddresses(string text, string expected)
    {
        var finding = Check.Single(_detector, text, expected);
        Assert.Equal(CategoryCodes.PiiEmail, finding.Category);
        Assert.Equal(finding.Normalized, finding.Normalized.ToLowerInvariant());
    }

    [Theory]
    [InlineData("@某某 你好")]
    [InlineData("user@localhost")]
    [InlineData("a@b.c")]
    public void IgnoresWhatIsNotAnAddress(string text) => Assert.Empty(Check.Detect(_detector, text));
}
