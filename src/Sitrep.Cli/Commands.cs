using System.CommandLine;

namespace Sitrep.Cli;

/// <summary>
/// The sitrep sub-commands. Each lives in its own file under Commands/ and is listed here once.
/// </summary>
internal static class Commands
{
    public static IEnumerable<Command> All()
    {
        yield break;
    }
}
