using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Maas.Bench.Micro;

// A short job (3 warm-ups, 5 iterations) in this process: the whole suite takes a few minutes, and in-process keeps
// BenchmarkDotNet from generating and building a project of its own under this repository's strict build settings.
var artifacts = args.Length == 2 && args[0] == "--artifacts" ? args[1] : Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts");
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance))
    .WithArtifactsPath(artifacts)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkRunner.Run([typeof(WireBenchmarks), typeof(SagaTransitionBenchmarks)], config);
