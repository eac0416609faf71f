using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sitrep.Store.Export;

/// <summary>Full-fidelity JSON lines: each event with every attribute Sitrep keeps (snake_case names).</summary>
public static class JsonlExporter
{
    public static long Write(IEnumerable<StoredEvent> events, Stream output)
    {
        long n = 0;
        foreach (var e in events)
        {
            JsonSerializer.Serialize(output, e, ExportJson.Default.StoredEvent);
            output.WriteByte((byte)'\n');
            n++;
        }
        return n;
    }

    public static string ToJson(StoredEvent e) => JsonSerializer.Serialize(e, ExportJson.Default.StoredEvent);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredEvent))]
internal sealed partial class ExportJson : JsonSerializerContext;
