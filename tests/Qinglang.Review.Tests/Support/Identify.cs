using Qinglang.Review.Identifying;

namespace Qinglang.Review.Tests.Support;

/// <summary>Shared identifier and assertions on identifications.</summary>
public static class Identify
{
    public static readonly AigcIdentifier Identifier = new();

    public static Identification Run(string path, bool declared = false) => Identifier.Identify(path, declared);

    public static Evidence Trace(Identification result, string kind)
    {
        var traces = result.Evidence.Where(e => e.Kind == kind && e.IndicatesAi).ToList();
        Assert.True(traces.Count > 0, $"no {kind} trace in: {Describe(result)}");
        return traces[0];
    }

    public static string Describe(Identification result) =>
        $"decision {result.Decision ?? "null"}; " + string.Join(" | ", result.Evidence.Select(e => $"{e.Kind}{(e.IndicatesAi ? "" : "(note)")} @ {e.Where}: {e.Detail}"));
}
