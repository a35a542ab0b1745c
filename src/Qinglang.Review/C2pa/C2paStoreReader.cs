using Qinglang.Review.Cbor;
using Qinglang.Review.Jumbf;

namespace Qinglang.Review.C2pa;

/// <summary>
/// Reads a C2PA manifest store (a JUMBF superbox labelled <c>c2pa</c>): each manifest's claim (<c>c2pa.claim</c> or
/// <c>c2pa.claim.v2</c>, CBOR) for its <c>claim_generator</c> / <c>claim_generator_info</c>, and its
/// <c>c2pa.actions</c> assertions for the actions and their <c>digitalSourceType</c>. Signatures are not validated:
/// identification only needs to know what the manifest says, and reports it as a trace, not as proof.
/// </summary>
public static class C2paStoreReader
{
    public const string StoreLabel = "c2pa";

    public static C2paStore Read(ReadOnlyMemory<byte> jumbf, string where)
    {
        var problems = new List<string>();
        JumbfBox store;
        try
        {
            store = JumbfReader.ReadSuperbox(jumbf);
        }
        catch (JumbfException ex)
        {
            return new C2paStore(where, [], [$"JUMBF: {ex.Message}"]);
        }

        if (store.Label != StoreLabel)
        {
            problems.Add($"the JUMBF superbox is labelled '{store.Label}', not '{StoreLabel}'");
        }

        var manifests = new List<C2paManifest>();
        foreach (var manifest in store.Children.Where(c => c.Type == "jumb"))
        {
            manifests.Add(ReadManifest(manifest, problems));
        }

        if (manifests.Count == 0)
        {
            problems.Add("the manifest store holds no manifest");
        }

        return new C2paStore(where, manifests, problems);
    }

    private static C2paManifest ReadManifest(JumbfBox manifest, List<string> problems)
    {
        string? generator = null;
        var claimBox = manifest.Child("c2pa.claim.v2") ?? manifest.Child("c2pa.claim");
        if (claimBox is null)
        {
            problems.Add($"manifest '{manifest.Label}' has no claim");
        }
        else if (Decode(claimBox, $"claim of '{manifest.Label}'", problems) is { } claim)
        {
            generator = claim["claim_generator"]?.AsText() ?? GeneratorInfo(claim["claim_generator_info"]);
        }

        var actions = new List<C2paAction>();
        var assertions = manifest.Child("c2pa.assertions");
        foreach (var assertion in assertions?.Children ?? [])
        {
            if (assertion.Label is { } label && label.StartsWith("c2pa.actions", StringComparison.Ordinal)
                && Decode(assertion, $"assertion '{label}'", problems) is { } value)
            {
                ReadActions(value, actions, problems, label);
            }
        }

        return new C2paManifest(manifest.Label, generator, actions);
    }

    private static string? GeneratorInfo(CborValue? info) => info switch
    {
        CborArray array => string.Join("; ", array.Items.Select(i => GeneratorInfo(i)).OfType<string>()) is { Length: > 0 } s ? s : null,
        CborMap map => map["name"]?.AsText() is { } name ? (map["version"]?.AsText() is { } v ? $"{name} {v}" : name) : null,
        _ => null,
    };

    private static void ReadActions(CborValue value, List<C2paAction> actions, List<string> problems, string label)
    {
        if (value["actions"] is not CborArray list)
        {
            problems.Add($"assertion '{label}' has no 'actions' array");
            return;
        }

        foreach (var item in list.Items)
        {
            if (item["action"]?.AsText() is not { } action)
            {
                problems.Add($"assertion '{label}' holds an action without an 'action' name");
                continue;
            }

            var agent = item["softwareAgent"] is { } a ? a.AsText() ?? GeneratorInfo(a) : null;
            actions.Add(new C2paAction(action, item["digitalSourceType"]?.AsText(), agent));
        }
    }

    private static CborValue? Decode(JumbfBox box, string what, List<string> problems)
    {
        if (box.Content("cbor") is not { } content)
        {
            problems.Add($"{what} has no 'cbor' content box");
            return null;
        }

        try
        {
            return CborReader.Decode(content.Payload.Span);
        }
        catch (CborException ex)
        {
            problems.Add($"{what}: CBOR at offset {content.Offset}: {ex.Message}");
            return null;
        }
    }
}
