using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sitrep.Attributes;
using Sitrep.Pipeline;
using Sitrep.Store;
using Sitrep.Store.Export;

namespace Sitrep.Cli;

/// <summary>
/// `sitrep code INPUTS...`: runs the whole pipeline and prints events as JSON Lines (the schema of
/// `sitrep export --format jsonl`), or a readable summary with `--format text`. Figures and
/// contradiction flags go to `--figures FILE` / `--flags FILE` as JSON Lines (and into the text
/// summary). Exit code 0 when every input was read, 1 when any input failed, 2 on usage errors.
/// </summary>
internal static class CodeCommand
{
    public static Command Create()
    {
        var inputs = new InputOptions();
        var format = new Option<string>("--format") { Description = "jsonl (one event per line) or text (readable summary)", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "text");
        var output = new Option<string?>("--output", "-o") { Description = "Write events to this file instead of stdout", HelpName = "FILE" };
        var figures = new Option<string?>("--figures") { Description = "Write stand-alone figures as JSON Lines to FILE", HelpName = "FILE" };
        var flags = new Option<string?>("--flags") { Description = "Write contradiction flags as JSON Lines to FILE", HelpName = "FILE" };
        var pipelineOptions = new PipelineOptionsCli();
        var command = new Command("code", "Code articles into PLOVER/CAMEO events with dates, places, counts, attribution and certainty.");
        inputs.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(figures);
        command.Options.Add(flags);
        pipelineOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var options = inputs.ToIngestOptions(parse, Console.Error);
            if (options is null)
            {
                return 2;
            }
            if (pipelineOptions.TryLoad(parse) is not { } pipeline)
            {
                return 2;
            }
            var stats = new InputStats();
            var articles = InputOptions.Read(parse.GetValue(inputs.Inputs) ?? [], options, Console.Error, stats);
            using var events = OutputFile.TryOpen(parse.GetValue(output), "--output", Console.OpenStandardOutput);
            using var figureStream = OutputFile.TryOpen(parse.GetValue(figures), "--figures", () => Stream.Null);
            using var flagStream = OutputFile.TryOpen(parse.GetValue(flags), "--flags", () => Stream.Null);
            if (events is null || figureStream is null || flagStream is null)
            {
                return 2;
            }
            var text = parse.GetValue(format) == "text";
            var results = new List<ArticleResult>();
            using var writer = new StreamWriter(events, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            // Ordered parallel coding: each article is coded independently, output keeps input order.
            var coded = articles.AsParallel().AsOrdered()
                .WithDegreeOfParallelism(pipelineOptions.ThreadCount(parse))
                .WithMergeOptions(ParallelMergeOptions.NotBuffered)
                .Select(pipeline.Process);
            foreach (var result in coded)
            {
                results.Add(result);
                if (text)
                {
                    TextReport.Write(result, writer);
                }
                else
                {
                    writer.Flush();
                    JsonlExporter.Write(StoredEvents.FromResult(result), events);
                }
                WriteLines(figureStream, result.Figures, CodeJson.Default.Figure);
                WriteLines(flagStream, result.Flags, CodeJson.Default.Flag);
            }
            var cross = pipeline.CrossArticle(results);
            WriteLines(flagStream, cross, CodeJson.Default.Flag);
            if (text)
            {
                TextReport.WriteCrossArticle(cross, writer);
            }
            if (stats.Errors + stats.Warnings > 0)
            {
                Console.Error.WriteLine($"sitrep code: {stats}");
            }
            return stats.ExitCode;
        });
        return command;
    }

    private static void WriteLines<T>(Stream stream, IEnumerable<T> items, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
    {
        if (stream == Stream.Null)
        {
            return;
        }
        foreach (var item in items)
        {
            JsonSerializer.Serialize(stream, item, info);
            stream.WriteByte((byte)'\n');
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Figure))]
[JsonSerializable(typeof(Flag))]
internal sealed partial class CodeJson : JsonSerializerContext;
