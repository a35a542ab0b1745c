using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Qinglang.Text.Bench.NormalizationBenchmarks).Assembly).Run(args);
