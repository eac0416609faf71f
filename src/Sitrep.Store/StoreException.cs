namespace Sitrep.Store;

/// <summary>
/// A store failure with a message meant for the user (names the database and what to do);
/// the driver's exception is kept as the inner exception.
/// </summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);
