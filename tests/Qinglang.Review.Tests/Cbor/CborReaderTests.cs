using System.Numerics;
using Qinglang.Review.Cbor;

namespace Qinglang.Review.Tests.Cbor;

/// <summary>Examples from RFC 8949 Appendix A, and the limits.</summary>
public sealed class CborReaderTests
{
    [Theory]
    [InlineData("00", "0")]
    [InlineData("1903e8", "1000")]
    [InlineData("1bffffffffffffffff", "18446744073709551615")]
    [InlineData("3bffffffffffffffff", "-18446744073709551616")]
    [InlineData("3903e7", "-1000")]
    public void Integers(string hex, string expected) =>
        Assert.Equal(BigInteger.Parse(expected), Assert.IsType<CborInteger>(CborReader.Decode(Convert.FromHexString(hex))).Value);

    [Theory]
    [InlineData("f93c00", 1.0)]
    [InlineData("fa47c35000", 100000.0)]
    [InlineData("fb3ff199999999999a", 1.1)]
    public void Floats(string hex, double expected) =>
        Assert.Equal(expected, Assert.IsType<CborFloat>(CborReader.Decode(Convert.FromHexString(hex))).Value);

    [Fact]
    public void SimpleValuesTagsAndStrings()
    {
        Assert.Equal(CborSimple.True, CborReader.Decode([0xF5]));
        Assert.Equal(CborSimple.Null, CborReader.Decode([0xF6]));
        var tagged = Assert.IsType<CborTagged>(CborReader.Decode(Convert.FromHexString("c074323031332d30332d32315432303a30343a30305a")));
        Assert.Equal(0UL, tagged.Tag);
        Assert.Equal("2013-03-21T20:04:00Z", tagged.AsText());
        Assert.Equal("水", CborReader.Decode(Convert.FromHexString("63e6b0b4")).AsText());
        Assert.Equal([1, 2, 3, 4], Assert.IsType<CborBytes>(CborReader.Decode(Convert.FromHexString("4401020304"))).Value);
    }

    [Fact]
    public void IndefiniteLengths()
    {
        Assert.Equal("streaming", CborReader.Decode(Convert.FromHexString("7f657374726561646d696e67ff")).AsText());
        Assert.Equal([0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF, 0x99], Assert.IsType<CborBytes>(CborReader.Decode(Convert.FromHexString("5f42aabb43ccddee42ff99ff"))).Value);
        var map = CborReader.Decode(Convert.FromHexString("bf61610161629f0203ffff"));
        Assert.Equal(2, Assert.IsType<CborArray>(map["b"]).Items.Count);
        var nested = Assert.IsType<CborArray>(CborReader.Decode(Convert.FromHexString("9f018202039f0405ffff")));
        Assert.Equal(3, nested.Items.Count);
    }

    [Theory]
    [InlineData("7a7fffffff61", "exceeds")]
    [InlineData("9bffffffffffffffff", "exceeds")]
    [InlineData("bf6161", "truncated")]
    [InlineData("9f01", "no break")]
    [InlineData("1c", "reserved")]
    [InlineData("ff", "unexpected break")]
    [InlineData("0000", "after the data item")]
    [InlineData("62c328", "UTF-8")]
    [InlineData("5f6161ff", "another type")]
    public void MalformedInputIsACborException(string hex, string message) =>
        Assert.Contains(message, Assert.Throws<CborException>(() => CborReader.Decode(Convert.FromHexString(hex))).Message);

    [Fact]
    public void NestingAndItemCountAreBounded()
    {
        var deep = Enumerable.Repeat((byte)0x81, CborReader.MaxDepth + 1).Append((byte)0).ToArray();
        Assert.Contains("nesting", Assert.Throws<CborException>(() => CborReader.Decode(deep)).Message);

        byte[] many = [0x9A, .. BitConverter.GetBytes(CborReader.MaxItems + 1).Reverse(), .. new byte[CborReader.MaxItems + 1]];
        Assert.Contains("items", Assert.Throws<CborException>(() => CborReader.Decode(many)).Message);
    }
}
