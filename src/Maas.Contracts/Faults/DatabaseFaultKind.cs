namespace Maas.Contracts.Faults;

/// <summary>What a database failure means for what the caller does next (see <see cref="DatabaseFault"/>).</summary>
public enum DatabaseFaultKind
{
    /// <summary>Not the database's doing (or not recognisably so): the engine failed.</summary>
    None,

    /// <summary>The database is away or overloaded: hold the request and try again.</summary>
    Transient,

    /// <summary>The database refused the request's data (SQLSTATE class 22, data exception): sending it again cannot help.</summary>
    Permanent,
}
