using Maas.Engine;
using Maas.Engine.Api;
using Maas.Engine.Api.Endpoints;
using Maas.Engine.Api.OpenApi;
using Maas.Engine.Api.Security;
using Maas.Engine.Api.Status;
using Maas.Mcp;
using Maas.Providers;
using Maas.RedisBridge;

var builder = WebApplication.CreateBuilder(args);

builder.AddAgentsFile();
builder.AddEngineHosting();
builder.AddMaasEngine(mediator => mediator.AddRedisBridgeConsumers());
builder.AddChatProviders();
builder.AddMcpServers();
builder.AddRedisBridge();
builder.AddEngineApi();
builder.AddApiAccess();
builder.AddEngineStatus();
builder.AddEngineTelemetry();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseApiAccess();
app.MapApiDocs();
app.MapHealthEndpoints();
app.MapStatsEndpoints();
app.MapTaskEndpoints();
app.MapAgentEndpoints();
app.MapMetricsEndpoint();

// Refuses wrong settings (one line per variable) and waits for PostgreSQL and Redis before serving; exit code 1 if not.
return await app.RunEngineAsync();

/// <summary>Visible to tests, which host the real application with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
