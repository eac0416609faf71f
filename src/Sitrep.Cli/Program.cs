using System.CommandLine;

namespace Sitrep.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Sitrep: code news articles into sourced political and conflict events.");
        foreach (var command in Commands.All())
        {
            root.Subcommands.Add(command);
        }
        var parsed = root.Parse(args);
        var code = parsed.Invoke();
        // Usage errors exit with 2, as Unix tools do (System.CommandLine's default is 1).
        return parsed.Errors.Count > 0 ? 2 : code;
    }
}
