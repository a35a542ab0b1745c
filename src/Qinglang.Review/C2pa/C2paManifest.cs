namespace Qinglang.Review.C2pa;

/// <summary>One action of a <c>c2pa.actions</c> assertion.</summary>
public sealed record C2paAction(string Action, string? DigitalSourceType, string? SoftwareAgent);

/// <summary>What identification needs from one C2PA manifest: its label, claim generator and actions.</summary>
public sealed record C2paManifest(string? Label, string? ClaimGenerator, IReadOnlyList<C2paAction> Actions);

/// <summary>The manifests of one C2PA manifest store and the problems met reading it (empty when it read cleanly).</summary>
public sealed record C2paStore(string Where, IReadOnlyList<C2paManifest> Manifests, IReadOnlyList<string> Problems);
