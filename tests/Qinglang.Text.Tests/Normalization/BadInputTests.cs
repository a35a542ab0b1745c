using System.Diagnostics;
using Qinglang.Text.Normalization;

namespace Qinglang.Text.Tests.Normalization;

/// <summary>Lone surrogates and very long input: defined behaviour, no exception, linear time.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void LoneSurrogatesAreDroppedAsInvisible()
    {
        // Lone high, lone low, a reversed pair, at the start, a high surrogate at the very end.
        string[] texts = ["色\uD800情", "色\uDC00情", "色\uDC00\uD800情", "\uD83D色情", "色情\uD83D"];
        foreach (var text in texts)
        {
            var normalized = TextNormalizer.Default.Normalize(text);
            Assert.Equal("色情", normalized.Text);
            OffsetMapTests.AssertMapInvariants(normalized);
        }
    }

    [Fact]
    public void LoneSurrogatesAreCopiedWhenInvisibleCharactersAreKept()
    {
        var normalized = new TextNormalizer(NormalizationOptions.Default with { DropInvisible = false }).Normalize("色\uD800情\uDC00");
        Assert.Equal("色\uD800情\uDC00", normalized.Text);
        Assert.Equal([0, 1, 2, 3], normalized.OriginalStart);
    }

    [Fact]
    public void EmojiScanStopsAtLoneSurrogatesAndTheEnd()
    {
        var token = new TextNormalizer(NormalizationOptions.Default with { Emoji = EmojiHandling.Token });
        Assert.Equal("😀", token.Normalize("😀\u200D").Text);
        Assert.Equal("😀", token.Normalize("😀\u200D\uD83D").Text);
        Assert.Equal("🇨", token.Normalize("🇨\uD83C").Text);
    }

    [Fact]
    public void TenMegabytesNormalizeInLinearTime()
    {
        var unit = "色*情 ｓｅｘ 黃色網站 ①⑧⑧ 😀 普通的新闻正文内容。\u200B\uD800";
        var small = Repeat(unit, 1_000_000);
        var large = Repeat(unit, 10_000_000);
        var normalizer = TextNormalizer.Default;
        var buffer = new NormalizationBuffer();
        normalizer.Normalize(large, buffer); // warm up, and grow the buffer once

        // Best of three each: on shared CI cores one run can lose its core for a while.
        var smallTime = Enumerable.Range(0, 3).Min(_ => Time(() => normalizer.Normalize(small, buffer)));
        var largeTime = Enumerable.Range(0, 3).Min(_ => Time(() => normalizer.Normalize(large, buffer)));
        var normalized = normalizer.Normalize(large);

        Assert.Equal(large.Length, normalized.Original.Length);
        Assert.True(normalized.Text.Length > large.Length / 2);
        Assert.StartsWith("色情sex黄色网站188普通的新闻正文内容", normalized.Text, StringComparison.Ordinal);
        // Ten times the input in well under a hundred times the time (generous: shared CI cores are noisy).
        Assert.True(largeTime < smallTime * 40 + TimeSpan.FromMilliseconds(200), $"1 MB: {smallTime}, 10 MB: {largeTime}");
    }

    [Fact]
    public void AHugeLineNormalizesInChunksInBoundedMemory()
    {
        var line = Repeat("色*情👨‍👩‍👧 ｓｅｘ 𝐬𝐞𝐱 黃色網站。", 1_000_003);
        var whole = TextNormalizer.Default.Normalize(line);
        var buffer = new NormalizationBuffer();
        var text = new System.Text.StringBuilder();
        var starts = new List<int>();
        for (var start = 0; start < line.Length;)
        {
            // Chunk ends picked to land inside surrogate pairs and ZWJ sequences: ChunkEnd moves them back.
            var end = TextNormalizer.ChunkEnd(line, start + 65_537);
            TextNormalizer.Default.Normalize(line.AsSpan(start, end - start), buffer, start);
            text.Append(buffer.Text);
            starts.AddRange(buffer.OriginalStarts.ToArray());
            start = end;
        }

        Assert.Equal(whole.Text, text.ToString());
        Assert.Equal(whole.OriginalStart, starts);
    }

    private static string Repeat(string unit, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = unit[i % unit.Length];
        }

        return new string(chars);
    }

    private static TimeSpan Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }
}
