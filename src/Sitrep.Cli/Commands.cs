using System.CommandLine;

namespace Sitrep.Cli;

/// <summary>
/// The sitrep sub-commands. Each lives in its own file under Commands/ and is listed here once.
/// </summary>
internal static class Commands
{
    public static IEnumerable<Command> All()
    {
        yield return TokenizeCommand.Create();
        yield return ParseCommand.Create();
        yield return CodeCommand.Create();
        yield return IngestCommand.Create();
        yield return QueryCommand.Create();
        yield return ShowCommand.Create();
        yield return ExportCommand.Create();
        yield return StatsCommand.Create();
        yield return Group("eval", "Score Sitrep against gold data.",
            EvalTokenizeCommand.Create(), EvalUdCommand.Create(), EvalAttributesCommand.Create(), EvalGsrCommand.Create());
        yield return Group("train", "Train models and generate shipped data from ../shared.",
            TrainTokenizerCommand.Create(), TrainClustersCommand.Create(), TrainSyntaxCommand.Create());
        yield return Group("dict", "Check and inspect the actor, verb and ontology dictionaries.",
            DictCheckCommand.Create(), DictImportCommand.Create());
    }

    private static Command Group(string name, string description, params Command[] subcommands)
    {
        var group = new Command(name, description);
        foreach (var sub in subcommands)
        {
            group.Subcommands.Add(sub);
        }
        return group;
    }
}
