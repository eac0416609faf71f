using System.CommandLine;
using Sitrep.Coding;

namespace Sitrep.Cli;

/// <summary>`sitrep dict check [--dict DIR...]`: validates the shipped and user dictionaries and ontologies.</summary>
internal static class DictCheckCommand
{
    public static Command Create()
    {
        var dicts = new Option<string[]>("--dict") { Description = "User dictionary directory, loaded after the shipped ones (repeatable)", AllowMultipleArgumentsPerToken = true };
        var noBuiltIn = new Option<bool>("--only") { Description = "Check only the --dict directories, not the shipped dictionaries" };
        var command = new Command("check", "Validate actor, agent and verb dictionaries and the CAMEO/PLOVER ontologies; errors are reported as file:line.") { dicts, noBuiltIn };
        command.SetAction(parse =>
        {
            var files = parse.GetValue(noBuiltIn) ? new List<DictionaryFile>() : DictionaryFile.BuiltIn().ToList();
            if (parse.GetValue(noBuiltIn))
            {
                // Rule files need the ontology to validate codes.
                files.AddRange(DictionaryFile.BuiltIn().Where(f => f.Kind is "cameo" or "plover"));
            }
            foreach (var dir in parse.GetValue(dicts) ?? [])
            {
                try
                {
                    files.AddRange(DictionaryFile.FromDirectory(dir));
                }
                catch (DirectoryNotFoundException e)
                {
                    Console.Error.WriteLine($"sitrep dict check: {e.Message}");
                    return 2;
                }
            }
            var (coder, issues) = EventCoder.Check(files);
            foreach (var issue in issues)
            {
                Console.Error.WriteLine(issue);
            }
            var errors = issues.Count(i => i.IsError);
            if (coder is not null)
            {
                Console.WriteLine($"{files.Count} files OK: {coder.Ontology.Codes.Count} CAMEO codes, {coder.Ontology.Types.Count()} PLOVER types, {coder.Actors.Count} actor/agent names, {coder.Rules.Count} event rules");
            }
            Console.WriteLine($"{errors} error(s), {issues.Count - errors} warning(s)");
            return errors > 0 ? 1 : 0;
        });
        return command;
    }
}
