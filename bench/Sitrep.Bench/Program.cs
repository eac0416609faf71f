namespace Sitrep.Bench;

/// <summary>
/// Throughput and memory benchmarks on real text: `dotnet run -c Release --project bench/Sitrep.Bench -- NAME [options]`.
/// Each benchmark prints wall-clock and CPU-time figures (the machines here are shared and noisy,
/// so per-CPU-second numbers and ratios within one run are the ones to compare).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var benches = Benchmarks.All();
        if (args.Length == 0 || !benches.TryGetValue(args[0], out var run))
        {
            Console.Error.WriteLine("usage: Sitrep.Bench NAME [options]; NAME is one of: " + string.Join(", ", benches.Keys.Order()));
            return 2;
        }
        return run(args[1..]);
    }
}
