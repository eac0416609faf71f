using System.CommandLine;
using System.Text;
using Sitrep.Store;
using Sitrep.Store.Export;

namespace Sitrep.Cli;

/// <summary>
/// `sitrep export --format jsonl|csv|gdelt|plover|parquet [--out FILE] [filters]`. A file is
/// written under a temporary name and renamed when complete, so a failed export leaves no
/// half-written file behind.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var filters = new QueryFilters();
        var format = new Option<string>("--format")
        {
            Description = "jsonl (every attribute), csv (flat columns), gdelt (GDELT 2.0 event table, 61 tab-separated columns), plover (PLOVER JSON lines), parquet (typed columns)",
            Required = true,
        };
        format.AcceptOnlyFromAmong("jsonl", "csv", "gdelt", "plover", "parquet");
        var output = new Option<string?>("--out", "-o") { Description = "Output file (default: stdout)", HelpName = "FILE" };
        var command = new Command("export", "Write stored events as JSONL, CSV, GDELT 2.0, PLOVER JSON or Parquet (filters as in query).");
        command.Options.Add(format);
        command.Options.Add(output);
        filters.AddTo(command);
        command.Options.Add(db);
        command.SetAction(parse =>
        {
            var query = filters.ToQuery(parse, null);
            if (query is null)
            {
                return 2;
            }
            var kind = parse.GetValue(format)!;
            var path = parse.GetValue(output);
            if (path is null && kind == "parquet" && !Console.IsOutputRedirected)
            {
                Console.Error.WriteLine("sitrep: parquet is binary; give --out FILE or redirect stdout");
                return 2;
            }
            return StoreOptions.WithStore(parse, db, readOnly: true, store =>
            {
                var temp = path is null ? null : path + ".partial";
                long count;
                try
                {
                    using (var stream = temp is null ? Console.OpenStandardOutput() : File.Create(temp))
                    {
                        count = Write(kind, store.Events(query), stream);
                    }
                    if (temp is not null)
                    {
                        File.Move(temp, path!, overwrite: true);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or StoreException)
                {
                    if (temp is not null && File.Exists(temp))
                    {
                        File.Delete(temp);
                    }
                    Console.Error.WriteLine($"sitrep: error: export to {path ?? "stdout"} failed: {e.Message}");
                    return 1;
                }
                if (path is not null)
                {
                    Console.Error.WriteLine($"sitrep: exported {count:N0} event(s) as {kind} to {path}");
                }
                return 0;
            });
        });
        return command;
    }

    private static long Write(string kind, IEnumerable<StoredEvent> events, Stream stream)
    {
        switch (kind)
        {
            case "jsonl":
                return JsonlExporter.Write(events, stream);
            case "plover":
                return PloverExporter.Write(events, stream);
            case "parquet" when stream.CanSeek:
                return ParquetExporter.WriteAsync(events, stream).GetAwaiter().GetResult();
            case "parquet":
                // A pipe cannot seek; Parquet.Net wants to, so build the file in memory first.
                using (var buffer = new MemoryStream())
                {
                    var n = ParquetExporter.WriteAsync(events, buffer).GetAwaiter().GetResult();
                    buffer.Position = 0;
                    buffer.CopyTo(stream);
                    return n;
                }
            default:
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" })
                {
                    return kind == "csv" ? CsvExporter.Write(events, writer) : GdeltExporter.Write(events, writer);
                }
        }
    }
}
