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

    public static SitrepPipeline Load(ParseResult parse, Option<string[]> dictionaries, Option<string?> models) =>
        SitrepPipeline.Load(new PipelineOptions(parse.GetValue(models), parse.GetValue(dictionaries) ?? []));
}
