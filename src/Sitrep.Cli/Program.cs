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
        return root.Parse(args).Invoke();
    }
}
