namespace Qinglang.Review.Tests.Support;

/// <summary>
/// C2PA manifest stores built from the C2PA specification: store 'c2pa' → manifest 'c2ma' (urn:uuid label) →
/// assertion store 'c2as' ("c2pa.assertions") with a CBOR "c2pa.actions" assertion, the CBOR claim "c2pa.claim"
/// and the claim signature box "c2pa.signature" ('c2cs'; its COSE content is not needed for identification).
/// </summary>
public static class C2paFixture
{
    public const string TrainedAlgorithmicMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    public const string DigitalCapture = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture";

    public static byte[] Store(string claimGenerator = "ExampleGen/1.0", string? digitalSourceType = TrainedAlgorithmicMedia, byte[]? claimCbor = null, byte[]? actionsCbor = null)
    {
        var actions = actionsCbor ?? Actions(("c2pa.created", digitalSourceType));
        var claim = claimCbor ?? Claim(claimGenerator);
        return JumbfBuilder.Superbox("c2pa", "c2pa",
            JumbfBuilder.Superbox("c2ma", "urn:uuid:6d3c1f2a-8a4e-4b7b-9d65-1e0f6a2b3c4d",
                JumbfBuilder.Superbox("c2as", "c2pa.assertions", JumbfBuilder.CborSuperbox("c2pa.actions", actions)),
                JumbfBuilder.CborSuperbox("c2pa.claim", claim),
                JumbfBuilder.Superbox("c2cs", "c2pa.signature", JumbfBuilder.Box("cbor", new CborWriter().Array(0).ToArray()))));
    }

    /// <summary>{"actions": [{"action": a, "digitalSourceType": t}, …]}</summary>
    public static byte[] Actions(params (string Action, string? SourceType)[] actions)
    {
        var w = new CborWriter().Map(1).Text("actions").Array(actions.Length);
        foreach (var (action, type) in actions)
        {
            w.Map(type is null ? 1 : 2).Text("action").Text(action);
            if (type is not null)
            {
                w.Text("digitalSourceType").Text(type);
            }
        }

        return w.ToArray();
    }

    /// <summary>A C2PA 1.x claim: claim_generator, dc:format, instanceID, signature and assertion references.</summary>
    public static byte[] Claim(string generator) => new CborWriter().Map(6)
        .Text("claim_generator").Text(generator)
        .Text("dc:format").Text("image/jpeg")
        .Text("instanceID").Text("xmp:iid:2f1e0d5c-7b3a-4c9e-8f10-aa55bb66cc77")
        .Text("signature").Text("self#jumbf=c2pa.signature")
        .Text("assertions").Array(1).Map(2).Text("url").Text("self#jumbf=c2pa.assertions/c2pa.actions").Text("hash").Bytes(new byte[32])
        .Text("alg").Text("sha256")
        .ToArray();
}
