using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Maas.Bench.Micro;

// A short job (3 warm-ups, 5 iterations) in this process: the whole suite takes a few minutes, and in-process keeps
// BenchmarkDotNet from generating and building a project of its own under this repository's strict build settings.
// Any further arguments are BenchmarkDotNet's own (e.g. --filter *Persistence*); without them, every benchmark runs.
var artifacts = args.Length >= 2 && args[0] == "--artifacts" ? args[1] : Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts");
string[] rest = args.Length >= 2 && args[0] == "--artifacts" ? args[2..] : args;
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance))
    .WithArtifactsPath(artifacts)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromTypes([typeof(WireBenchmarks), typeof(SagaTransitionBenchmarks), typeof(SagaPersistenceBenchmarks)])
    .Run(rest.Length > 0 ? rest : ["--filter", "*"], config);
