namespace Qinglang.Text.Tests.Detectors;

/// <summary>Runs a detector and checks what every finding must satisfy: its offsets point at exactly its text.</summary>
internal static class Check
{
    public static List<TextFinding> Detect(ITextDetector detector, string text)
    {
        var findings = detector.Detect(text).ToList();
        foreach (var finding in findings)
        {
            Assert.True(finding.Start >= 0 && finding.Start < finding.End && finding.End <= text.Length, $"bad span {finding}");
            Assert.Equal(finding.Text, text[finding.Start..finding.End]);
        }

        return findings;
    }

    /// <summary>The one finding in <paramref name="text"/>, which must cover exactly <paramref name="expected"/>.</summary>
    public static TextFinding Single(ITextDetector detector, string text, string expected)
    {
        var finding = Assert.Single(Detect(detector, text));
        Assert.Equal(expected, finding.Text);
        Assert.Equal(text.IndexOf(expected, StringComparison.Ordinal), finding.Start);
        return finding;
    }
}
