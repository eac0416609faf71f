using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sitrep.Store;

/// <summary>Source-generated JSON for list-valued columns (sectors, why, reasons): no reflection.</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StoreJson : JsonSerializerContext
{
    public static string Write(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, Default.IReadOnlyListString);

    public static string[] Read(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, Default.StringArray) ?? [];
}
