using System.CommandLine;
using Sitrep.Coding.Import;

namespace Sitrep.Cli;

/// <summary>`sitrep dict import --phoenix DIR --out DIR`: converts the Phoenix/PETRARCH dictionaries.</summary>
internal static class DictImportCommand
{
    public static Command Create()
    {
        var phoenix = new Option<DirectoryInfo>("--phoenix") { Description = "Directory with Phoenix.*.actors.txt, Phoenix.agents.txt and CAMEO.2.0.txt", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output directory (e.g. data/dictionaries)", Required = true };
        var command = new Command("import", "Import the Phoenix/PETRARCH actor, agent and verb dictionaries into Sitrep's format.") { phoenix, output };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(phoenix)!;
            if (!dir.Exists)
            {
                Console.Error.WriteLine($"sitrep dict import: directory not found: {dir.FullName}");
                return 2;
            }
            var report = PhoenixImporter.Run(dir.FullName, parse.GetValue(output)!.FullName);
            foreach (var line in report.Summary)
            {
                Console.WriteLine(line);
            }
            Console.WriteLine($"skipped {report.Skipped.Count} source lines (run with SITREP_VERBOSE=1 to list them)");
            if (Environment.GetEnvironmentVariable("SITREP_VERBOSE") == "1")
            {
                foreach (var s in report.Skipped)
                {
                    Console.Error.WriteLine(s);
                }
            }
            return 0;
        });
        return command;
    }
}
