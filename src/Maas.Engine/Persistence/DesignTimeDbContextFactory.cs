using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Maas.Engine.Persistence;

/// <summary>
/// For <c>dotnet ef migrations add</c> only: builds the context without starting the engine. The connection is never
/// opened to generate a migration, so the address only has to parse.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EngineDbContext>
{
    public EngineDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EngineDbContext>()
            .UseNpgsql(PostgresUrl.ToConnectionString(Environment.GetEnvironmentVariable("DATABASE_URL") ?? "postgresql://postgres@127.0.0.1:55432/maas_agent_platform"),
                EngineDbContext.ConfigureNpgsql)
            .Options);
}
