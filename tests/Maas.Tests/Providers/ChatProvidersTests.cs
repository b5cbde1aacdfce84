using System.Collections.Concurrent;
using Maas.Engine.AI;
using Maas.Tests.Infrastructure.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maas.Tests.Providers;

/// <summary>The provider the engine runs on is the one the environment names, behind the library's middleware, and never tells its key.</summary>
public sealed class ChatProvidersTests
{
    [Fact]
    public async Task Describes_the_configured_provider_for_the_engine()
    {
        await using var server = await OpenAIServer.Start("qwen2.5-coder");
        await using var host = await ProviderHost.Start(server.Settings("json_object"));

        Assert.Equal(new ChatProviderInfo("openai", "qwen2.5-coder", StructuredOutputMode.JsonObject), host.Services.GetRequiredService<ChatProviderInfo>());
    }

    [Fact]
    public async Task Runs_the_provider_behind_function_invocation_telemetry_and_logging()
    {
        await using var server = await OpenAIServer.Start();
        await using var host = await ProviderHost.Start(server.Settings());

        Assert.NotNull(host.ChatClient.GetService<FunctionInvokingChatClient>());
        Assert.NotNull(host.ChatClient.GetService<OpenTelemetryChatClient>());
        Assert.NotNull(host.ChatClient.GetService<LoggingChatClient>());
        Assert.Equal("gpt-4o-mini", host.ChatClient.GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    [Fact]
    public async Task Never_logs_the_key_or_a_urls_password_even_at_trace()
    {
        await using var server = await OpenAIServer.Start(apiKey: "sk-live-do-not-print");
        server.Script(new ScriptedReply.Answer("{}", 1, 1), OpenAIServer.Unauthorized());
        var settings = server.Settings();
        settings["OPENAI_BASE_URL"] = new UriBuilder(server.BaseUrl) { UserName = "proxyuser", Password = "proxy-pass-do-not-print" }.Uri.ToString();
        var logs = new CapturedLogs();
        await using var host = await ProviderHost.Start(settings, logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));

        await host.ChatClient.GetResponseAsync("hello");
        await Assert.ThrowsAsync<ProviderException>(() => host.ChatClient.GetResponseAsync("hello"));

        Assert.Contains(logs.Lines, l => l.Contains("Chat provider openai", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("hello", StringComparison.Ordinal)); // message content does reach Trace
        var leaked = logs.Lines.FirstOrDefault(l => l.Contains("do-not-print", StringComparison.Ordinal));
        Assert.True(leaked is null, leaked);
    }

    [Fact]
    public async Task Logs_calls_but_not_message_content_below_trace()
    {
        await using var server = await OpenAIServer.Start();
        server.Script(new ScriptedReply.Answer("{}", 1, 1));
        var logs = new CapturedLogs();
        await using var host = await ProviderHost.Start(server.Settings(), logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));

        await host.ChatClient.GetResponseAsync("the secret plan");

        Assert.Contains(logs.Lines, l => l.Contains("GetResponseAsync", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("the secret plan", StringComparison.Ordinal));
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}
