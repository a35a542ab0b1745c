using System.Diagnostics;
using System.Text;
using Qinglang.Text.Scanning;

namespace Qinglang.Text.Tests.Detectors;

/// <summary>The whole pipeline on real and hostile text: no false alarms on news, no crash, no slowdown.</summary>
public sealed class HostileInputTests
{
    private static readonly TextScanner Scanner = ScanPipeline.Build(new ScanOptions());

    [Fact]
    public void SeedsGiveOnlyTheInjectedStuffing()
    {
        var seed = Seeds.Read("000");
        var firstLine = seed.IndexOf('\n');
        var findings = Scanner.Scan(seed);
        Assert.All(findings, f => Assert.True(f.End <= firstLine, $"{f.Rule} at {f.Start} is in the news body"));
        Assert.Contains(findings, f => f.Rule.StartsWith("seo.keyword_stuffing", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Category == "mod.porn"); // the default library, through traditional → simplified
        Assert.Empty(Scanner.Scan(Seeds.Read("001")));
        Assert.Empty(Scanner.Scan(Seeds.Read("002")));
    }

    [Fact]
    public void RandomTextWithSurrogatesAndDigitFormsNeverBreaksOffsets()
    {
        const string alphabet = "0123456789１３８壹叁捌幺①⑧ -._·\u200B微信vxQQ扣扣@.点。comwww:：http/abcXx,、文字的\n";
        var random = new Random(5);
        for (var round = 0; round < 200; round++)
        {
            var builder = new StringBuilder();
            for (var i = 0; i < 400; i++)
            {
                var roll = random.Next(20);
                builder.Append(roll switch
                {
                    0 => "\uD800", // lone high surrogate
                    1 => "\uDC00", // lone low surrogate
                    2 => "\U0001D7D9", // mathematical digit one
                    _ => alphabet[random.Next(alphabet.Length)].ToString(),
                });
            }

            var text = builder.ToString();
            foreach (var finding in Scanner.Scan(text))
            {
                Assert.Equal(finding.Text, text[finding.Start..finding.End]);
            }
        }
    }

    [Theory]
    [InlineData("a.", 200_000)]
    [InlineData("www.", 200_000)]
    [InlineData("1 ", 200_000)]
    [InlineData("1-", 200_000)]
    [InlineData("vx:", 200_000)]
    [InlineData("qq", 200_000)]
    [InlineData("a@", 200_000)]
    [InlineData("久久,", 200_000)]
    [InlineData("x dot ", 100_000)]
    public void PathologicalRepetitionStaysLinear(string unit, int repeats)
    {
        var text = string.Concat(Enumerable.Repeat(unit, repeats));
        var clock = Stopwatch.StartNew();
        foreach (var finding in Scanner.Scan(text))
        {
            Assert.Equal(finding.Text, text[finding.Start..finding.End]);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{unit} × {repeats} took {clock.Elapsed}");
    }
}
