namespace Qinglang.Labels.Signing;

/// <summary>What checking one SecurityData signature found.</summary>
public enum SignatureStatus
{
    /// <summary>The signature verifies against a key the verifier trusts.</summary>
    Trusted,

    /// <summary>The signature verifies against the key it names, but that key is not in the trust list.</summary>
    Untrusted,

    /// <summary>The signature does not verify: the signed elements were changed, or it was forged.</summary>
    Invalid,

    /// <summary>The record is not usable: unknown type, missing signature or key.</summary>
    Malformed,
}
