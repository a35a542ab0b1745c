namespace Qinglang.Similarity.Spin;

/// <summary>A substitution seen while aligning confirmed pairs: the spun text had <paramref name="Variant"/> where the original had <paramref name="Canonical"/>, <paramref name="Count"/> times.</summary>
public sealed record SubstitutionProposal(string Variant, string Canonical, int Count)
{
    public SubstitutionPair ToPair() => new(Variant, Canonical);
}
