using Maas.Engine;
using Npgsql;

namespace Maas.Tests.Engine;

/// <summary>The platform's <c>DATABASE_URL</c> becomes an Npgsql connection string.</summary>
public sealed class PostgresUrlTests
{
    [Fact]
    public void Reads_the_seed_url()
    {
        var builder = Parse("postgresql://postgres:devpassword@localhost:5432/maas_agent_platform");

        Assert.Equal("localhost", builder.Host);
        Assert.Equal(5432, builder.Port);
        Assert.Equal("maas_agent_platform", builder.Database);
        Assert.Equal("postgres", builder.Username);
        Assert.Equal("devpassword", builder.Password);
    }

    [Theory]
    [InlineData("postgres://u:p@db.internal:6543/app")]
    [InlineData("postgresql+asyncpg://u:p@db.internal:6543/app")]
    [InlineData("postgresql+psycopg2://u:p@db.internal:6543/app")]
    public void Accepts_the_other_schemes_the_platform_may_write(string url)
    {
        var builder = Parse(url);

        Assert.Equal(("db.internal", 6543, "app", "u", "p"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
    }

    [Fact]
    public void Decodes_a_percent_encoded_user_password_and_database()
    {
        var builder = Parse("postgresql://app%20user:p%40ss%3Aw%2Frd%23@localhost/maas%2Ddb");

        Assert.Equal("app user", builder.Username);
        Assert.Equal("p@ss:w/rd#", builder.Password);
        Assert.Equal("maas-db", builder.Database);
    }

    [Fact]
    public void Uses_port_5432_when_the_url_names_none()
    {
        Assert.Equal(5432, Parse("postgresql://postgres:devpassword@localhost/maas_agent_platform").Port);
    }

    [Fact]
    public void Reads_a_url_without_credentials()
    {
        var builder = Parse("postgresql://localhost/maas_agent_platform");

        Assert.Null(builder.Username);
        Assert.Null(builder.Password);
    }

    [Theory]
    [InlineData("require", SslMode.Require)]
    [InlineData("disable", SslMode.Disable)]
    [InlineData("verify-full", SslMode.VerifyFull)]
    [InlineData("verify-ca", SslMode.VerifyCA)]
    public void Honours_sslmode(string sslmode, SslMode expected)
    {
        Assert.Equal(expected, Parse($"postgresql://u:p@localhost:5432/db?sslmode={sslmode}").SslMode);
    }

    [Fact]
    public void Honours_application_name_and_connect_timeout()
    {
        var builder = Parse("postgresql://u:p@localhost:5432/db?application_name=maas%20engine&connect_timeout=7");

        Assert.Equal("maas engine", builder.ApplicationName);
        Assert.Equal(7, builder.Timeout);
    }

    [Fact]
    public void Accepts_a_plain_npgsql_connection_string()
    {
        var builder = Parse("Host=db;Port=5433;Database=maas;Username=engine;Password=secret");

        Assert.Equal(("db", 5433, "maas", "engine", "secret"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
    }

    [Theory]
    [InlineData("mysql://u:p@localhost:3306/db")]
    [InlineData("postgresql://u:p@localhost:5432")]
    [InlineData("postgresql://u:p@localhost:5432/")]
    [InlineData("postgresql:///db")]
    [InlineData("://nothing")]
    [InlineData("postgresql://u:p@localhost:5432/db?connect_timeout=soon")]
    public void Refuses_a_url_that_is_not_a_postgresql_one(string url)
    {
        Assert.Throws<FormatException>(() => PostgresUrl.ToConnectionString(url));
    }

    /// <summary>
    /// <see cref="PostgresUrl.ToConnectionString"/> reports every unusable text as <see cref="FormatException"/>, including
    /// what Npgsql's builder rejects (an unknown sslmode, an unknown parameter, text that is no connection string).
    /// </summary>
    [Theory]
    [InlineData("this is not a database url")]
    [InlineData("Hots=localhost;Database=maas")]
    [InlineData("postgresql://u:p@localhost:5432/db?sslmode=sometimes")]
    [InlineData("postgresql://u:p@localhost:5432/db?target_session_attrs=read-write")]
    public void Refuses_garbage_with_a_format_exception(string text)
    {
        Assert.Throws<FormatException>(() => PostgresUrl.ToConnectionString(text));
    }

    private static NpgsqlConnectionStringBuilder Parse(string url) => new(PostgresUrl.ToConnectionString(url));
}
