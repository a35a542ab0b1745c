using System.Buffers.Binary;
using Qinglang.Review.Identifying;
using Qinglang.Review.Tests.Support;

namespace Qinglang.Review.Tests.Identifying;

/// <summary>Lying lengths and hostile nesting in JUMBF and CBOR give a clear problem, never an exception.</summary>
public sealed class CorruptC2paTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void CborStringLengthBeyondTheBoxIsReported()
    {
        // claim_generator's text claims 2^32-1 bytes.
        var claim = new CborWriter().Map(1).Text("claim_generator").Raw(0x7A, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'x').ToArray();
        var detail = ProblemOf(C2paFixture.Store(claimCbor: claim));
        Assert.Contains("exceeds", detail);
    }

    [Fact]
    public void CborArrayCountBeyondTheBoxIsReported()
    {
        var actions = new CborWriter().Map(1).Text("actions").Raw(0x9B, 0x00, 0x00, 0x00, 0x10, 0, 0, 0, 0).ToArray();
        Assert.Contains("exceeds", ProblemOf(C2paFixture.Store(actionsCbor: actions)));
    }

    [Fact]
    public void DeepCborNestingIsReported()
    {
        var deep = new CborWriter().Map(1).Text("actions");
        for (var i = 0; i < 10_000; i++)
        {
            deep.Array(1);
        }

        deep.Int(0);
        Assert.Contains("nesting deeper", ProblemOf(C2paFixture.Store(actionsCbor: deep.ToArray())));
    }

    [Fact]
    public void UnterminatedIndefiniteMapIsReported()
    {
        var claim = new CborWriter().Raw(0xBF).Text("claim_generator").Text("x").ToArray();
        Assert.Contains("no break", ProblemOf(C2paFixture.Store(claimCbor: claim)));
    }

    [Fact]
    public void JumbfBoxLengthBeyondTheDataIsReported()
    {
        var store = C2paFixture.Store();
        BinaryPrimitives.WriteUInt32BigEndian(store.AsSpan(0), (uint)store.Length + 1000);
        Assert.Contains("claims", ProblemOf(store));
    }

    [Fact]
    public void DeepJumbfNestingIsReported()
    {
        var box = JumbfBuilder.Superbox("c2pa", "leaf");
        for (var i = 0; i < 40; i++)
        {
            box = JumbfBuilder.Superbox("c2pa", "c2pa", box);
        }

        Assert.Contains("nested deeper", ProblemOf(box));
    }

    [Fact]
    public void SuperboxWithoutDescriptionIsReported()
    {
        Assert.Contains("description box", ProblemOf(JumbfBuilder.Box("jumb", JumbfBuilder.Box("cbor", [0xA0]))));
    }

    private string ProblemOf(byte[] store)
    {
        var png = Media.Png(_folder, $"corrupt-{Guid.NewGuid():N}.png");
        Embed.PngChunk(png, "caBX", store);
        // A corrupt claim may sit beside readable AI actions; either way the problem is reported.
        var result = Identify.Run(png);
        return Assert.Single(result.Evidence, e => e.Kind == EvidenceKinds.C2paProblem).Detail;
    }
}
