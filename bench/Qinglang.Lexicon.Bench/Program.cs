using BenchmarkDotNet.Running;
using Qinglang.Lexicon.Bench;

// `--quick` prints Stopwatch numbers in seconds; anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args is ["--quick"]) QuickReport.Run();
else BenchmarkSwitcher.FromAssembly(typeof(BuildBenchmarks).Assembly).Run(args);
