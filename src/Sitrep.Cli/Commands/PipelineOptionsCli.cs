using System.CommandLine;
using Sitrep.Pipeline;
using Sitrep.Syntax;

namespace Sitrep.Cli;

/// <summary>Options shared by the commands that run the whole pipeline (code, ingest).</summary>
internal sealed class PipelineOptionsCli
{
    public Option<string[]> Dictionaries { get; } = new("--dict")
    {
        Description = "Extra dictionary directory whose entries add to or override the shipped ones (repeatable)",
        HelpName = "DIR",
    };

    public Option<string?> Models { get; } = new("--models")
    {
        Description = "Directory with tagger/parser/lemmatizer models to use instead of the shipped ones",
        HelpName = "DIR",
    };

    public Option<ParserKind> Parser { get; } = ParserOption.Create();

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "Articles coded in parallel (output order and ids do not depend on it); default: one per CPU core",
        DefaultValueFactory = _ => Environment.ProcessorCount,
        HelpName = "N",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Dictionaries);
        command.Options.Add(Models);
        command.Options.Add(Parser);
        command.Options.Add(Threads);
    }

    public int ThreadCount(ParseResult parse) => Math.Max(1, parse.GetValue(Threads));

    /// <summary>Loads the pipeline, or prints why it cannot be loaded and returns null (a usage error, exit code 2).</summary>
    public SitrepPipeline? TryLoad(ParseResult parse)
    {
        try
        {
            return SitrepPipeline.Load(new PipelineOptions(parse.GetValue(Models), parse.GetValue(Dictionaries) ?? [], parse.GetValue(Parser)));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("sitrep: cannot load models or dictionaries: " + ex.Message);
            return null;
        }
    }
}

/// <summary>`--parser fast|accurate`, shared by every command that parses.</summary>
internal static class ParserOption
{
    public static Option<ParserKind> Create() => new("--parser")
    {
        Description = "Dependency parser: fast (perceptron, the default) or accurate (neural BiLSTM: 2.3 UAS / 2.5 LAS points better on EWT test, about five times slower)",
        DefaultValueFactory = _ => ParserKind.Fast,
    };
}

/// <summary>Output files named by options; "-" or no value means stdout.</summary>
internal static class OutputFile
{
    /// <summary>Opens the file, or prints which option named an unwritable path and returns null (exit code 2).</summary>
    public static Stream? TryOpen(string? path, string option, Func<Stream> whenAbsent)
    {
        try
        {
            return path is null or "-" ? whenAbsent() : File.Create(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"sitrep: {option}: cannot write '{path}': {ex.Message}");
            return null;
        }
    }
}
