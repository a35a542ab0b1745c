namespace Qinglang.Review.Propagating;

/// <summary>What propagation did with one file: written (to <see cref="WrittenPath"/>), skipped (no decision), or failed.</summary>
public sealed record PropagationResult(string? WrittenPath, string? PropagateId, string? Skipped, string? Error)
{
    public bool Failed => Error is not null;
}
