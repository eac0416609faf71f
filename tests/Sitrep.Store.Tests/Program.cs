namespace Sitrep.Store.Tests;

/// <summary>
/// `sample DB` writes the sample results of the fixture stories (to try the CLI on). Otherwise the child-process entry for <see cref="CrashSafetyTests"/>: `dotnet Sitrep.Store.Tests.dll ingest DB COUNT VARIANT`
/// ingests COUNT copies of the sample stories in small batches and prints "stored N" after
/// every commit, so the parent can kill it at a known point. VARIANT changes every article's
/// text, so a second run replaces what the first stored.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["sample", var sampleDb])
        {
            // The hand-made sample results of the six VOA fixture stories, for trying the CLI.
            using var sample = SqliteEventStore.Open(sampleDb);
            Console.Out.WriteLine(sample.Write(StoreContract.SampleBatch()));
            return 0;
        }
        if (args is not ["ingest", var db, var countText, var variant])
        {
            Console.Error.WriteLine("usage: Sitrep.Store.Tests ingest DB COUNT VARIANT | sample DB");
            return 2;
        }
        var count = int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture);
        using var store = SqliteEventStore.Open(db, busyTimeout: TimeSpan.FromSeconds(30));
        var runner = new IngestRunner(store, new SampleResults(), batchSize: 3);
        var lastStored = -1;
        runner.Run(CrashSafetyTests.Articles(count, variant), progress: s =>
        {
            if (s.Stored + s.Replaced != lastStored)
            {
                lastStored = s.Stored + s.Replaced;
                Console.Out.WriteLine($"stored {lastStored}");
                Console.Out.Flush();
            }
        });
        Console.Out.WriteLine("done");
        return 0;
    }
}
