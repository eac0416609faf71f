namespace Sitrep.Bench;

/// <summary>The registry of benchmarks; each lives in its own file and is listed here once.</summary>
internal static class Benchmarks
{
    public static Dictionary<string, Func<string[], int>> All() => new(StringComparer.Ordinal)
    {
        ["tokenize"] = TokenizeBench.Run,
        ["ingest"] = IngestBench.Run,
        ["parse"] = ParseBench.Run,
        ["attributes"] = AttributesBench.Run,
        ["store"] = StoreBench.Run,
    };
}
