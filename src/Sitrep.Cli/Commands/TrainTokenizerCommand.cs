using System.CommandLine;
using Sitrep.Text.Conllu;

namespace Sitrep.Cli;

/// <summary>`sitrep train tokenizer`: derives data/tokenizer/lexicon.txt from UD English train splits.</summary>
internal static class TrainTokenizerCommand
{
    public static Command Create()
    {
        var files = new Option<string[]>("--conllu") { Description = "CoNLL-U training files (train splits only)", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Lexicon file to write", DefaultValueFactory = _ => "data/tokenizer/lexicon.txt" };
        var minCount = new Option<int>("--min-count") { Description = "Minimum occurrences for an entry", DefaultValueFactory = _ => 2 };
        var starterRatio = new Option<double>("--starter-ratio") { Description = "Share of a capitalised word's uses that must start a sentence for it to be a sentence starter", DefaultValueFactory = _ => 0.5 };
        var command = new Command("tokenizer", "Derive the tokenizer lexicon (abbreviations, sentence starters, splits) from UD train splits.");
        command.Options.Add(files);
        command.Options.Add(output);
        command.Options.Add(minCount);
        command.Options.Add(starterRatio);
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files) ?? [];
            var builder = new TokenizerLexiconBuilder { MinCount = parse.GetValue(minCount), StarterRatio = parse.GetValue(starterRatio) };
            foreach (var path in paths)
            {
                if (!File.Exists(path))
                {
                    Console.Error.WriteLine($"error: CoNLL-U file '{path}' not found");
                    return 1;
                }
                foreach (var sentence in ConlluReader.ReadFile(path))
                {
                    builder.Add(sentence);
                }
            }
            // Record the command with file names only, so the header does not depend on where ../shared lives.
            var record = "sitrep train tokenizer --conllu " + string.Join(' ', paths.Select(Path.GetFileName))
                + $" --min-count {builder.MinCount} --starter-ratio {TokenizerLexiconBuilder.Invariant(builder.StarterRatio)}";
            var text = builder.Build(record);
            var outPath = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
            File.WriteAllText(outPath, text);
            Console.WriteLine($"wrote {outPath}: {text.Count(c => c == '\n') - 2} entries");
            return 0;
        });
        return command;
    }
}
