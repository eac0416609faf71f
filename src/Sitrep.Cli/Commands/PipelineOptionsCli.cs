using System.CommandLine;
using Sitrep.Pipeline;

namespace Sitrep.Cli;

/// <summary>Options shared by the commands that run the whole pipeline (code, ingest).</summary>
internal static class PipelineOptionsCli
{
    public static Option<string[]> Dictionaries() => new("--dict")
    {
        Description = "Extra dictionary directory whose entries add to or override the shipped ones (repeatable)",
        HelpName = "DIR",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> Models() => new("--models")
    {
        Description = "Directory with tagger/parser/lemmatizer models to use instead of the shipped ones",
        HelpName = "DIR",
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "Articles coded in parallel (output order and ids do not depend on it); default: one per CPU core",
        DefaultValueFactory = _ => Environment.ProcessorCount,
        HelpName = "N",
    };

    /// <summary>Loads the pipeline, or prints why it cannot be loaded and returns null (a usage error, exit code 2).</summary>
    public static SitrepPipeline? TryLoad(ParseResult parse, Option<string[]> dictionaries, Option<string?> models)
    {
        try
        {
            return SitrepPipeline.Load(new PipelineOptions(parse.GetValue(models), parse.GetValue(dictionaries) ?? []));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("sitrep: cannot load models or dictionaries: " + ex.Message);
            return null;
        }
    }
}
