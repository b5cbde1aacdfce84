using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Maas.Providers;
using Maas.RedisBridge;
using Microsoft.Extensions.Options;

namespace Maas.Engine.Api;

/// <summary>
/// Every wrong setting at once, one line per variable, before anything starts: a person fixing a deployment sees all
/// the problems in one run rather than one per restart. The options validators say what each value must be; values
/// that cannot even be read as their type (a word where a number belongs) are named here, and the validators then
/// judge the rest with the default standing in.
/// </summary>
internal static class SettingsCheck
{
    // Every options class that has a validator in these assemblies is checked, so one added later (a provider's
    // settings, say) is checked without being listed here. The order is the order of the lines printed.
    private static readonly Assembly[] Projects =
        [typeof(EngineHostOptions).Assembly, typeof(EngineOptions).Assembly, typeof(ProviderOptions).Assembly, typeof(RedisBridgeOptions).Assembly];

    private static readonly MethodInfo CheckOne = typeof(SettingsCheck).GetMethod(nameof(Check), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static IReadOnlyList<string> Problems(IServiceProvider services, IConfiguration configuration) =>
        [.. OptionsTypes().SelectMany(t => (IEnumerable<string>)CheckOne.MakeGenericMethod(t).Invoke(null, [services, configuration])!)];

    private static IEnumerable<Type> OptionsTypes() => Projects
        .SelectMany(project => project.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(i => i.GetGenericArguments()[0])
            .OrderBy(t => t.FullName, StringComparer.Ordinal))
        .Distinct();

    /// <summary>The settings as the binder would read them, with the default for each value that cannot be read.</summary>
    public static T Readable<T>(IConfiguration configuration)
        where T : new()
    {
        var unreadable = Unreadable<T>(configuration).Select(u => u.Variable).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var source = unreadable.Count == 0
            ? configuration
            : new ConfigurationBuilder().AddInMemoryCollection(configuration.AsEnumerable().Where(s => !unreadable.Contains(s.Key))).Build();
        var settings = new T();
        source.Bind(settings);
        return settings;
    }

    private static IEnumerable<string> Check<T>(IServiceProvider services, IConfiguration configuration)
        where T : class, new()
    {
        var settings = Readable<T>(configuration);
        var failures = services.GetServices<IValidateOptions<T>>()
            .Select(v => v.Validate(Options.DefaultName, settings))
            .Where(r => r.Failed)
            .SelectMany(r => r.Failures ?? []);
        return Unreadable<T>(configuration).Select(u => u.Problem).Concat(failures);
    }

    private static IEnumerable<(string Variable, string Problem)> Unreadable<T>(IConfiguration configuration)
    {
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name is not { } variable
                || property.PropertyType == typeof(string)
                || configuration[variable] is not { } text)
            {
                continue;
            }

            if (!Converts(property.PropertyType, text))
            {
                yield return (variable, $"{variable} must be {Kind(property.PropertyType)}, not '{text}'.");
            }
        }
    }

    private static bool Converts(Type type, string text)
    {
        try
        {
            // NaN and infinity read as doubles but slip past every range check (each comparison with NaN is false).
            return TypeDescriptor.GetConverter(type).ConvertFromString(null, CultureInfo.InvariantCulture, text) is not double d || double.IsFinite(d);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    private static string Kind(Type type) =>
        type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(double) ? "a finite number"
        : type == typeof(bool) ? "true or false"
        : $"a {type.Name}";
}
