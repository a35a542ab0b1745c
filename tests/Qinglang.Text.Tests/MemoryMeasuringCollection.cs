namespace Qinglang.Text.Tests;

/// <summary>
/// Tests that measure the process's memory (GC.GetTotalMemory) run alone: other tests allocating in parallel
/// would be counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuringCollection
{
    public const string Name = "memory-measuring";
}
