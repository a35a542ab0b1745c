using Qinglang.Text.Normalization;

namespace Qinglang.Text.Tests;

public sealed class NormalizedTextTests
{
    [Fact]
    public void MapsNormalizedRangesBackToTheOriginal()
    {
        // "Ａ-Ｂ" normalized to "ab": the hyphen was dropped as noise.
        var text = new NormalizedText("Ａ-Ｂ", "ab", [0, 2], [1, 3]);
        Assert.Equal((0, 3), text.ToOriginal(0, 2));
        Assert.Equal("Ａ-Ｂ", text.Original[0..3]);
    }
}
