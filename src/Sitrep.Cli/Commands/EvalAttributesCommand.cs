using System.CommandLine;
using System.Globalization;
using Sitrep.Attributes;
using Sitrep.Text;

namespace Sitrep.Cli;

/// <summary>`sitrep eval attributes FILE`: per-attribute accuracy of the attributes stage on gold items.</summary>
internal static class EvalAttributesCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Gold items, JSON Lines (data/eval/attributes-dev.jsonl)." };
        var verbose = new Option<bool>("--errors") { Description = "List every item the stage got wrong." };
        var gazetteer = new Option<DirectoryInfo?>("--gazetteer") { Description = "Directory with gazetteer.tsv.gz and common-words.txt overriding the shipped ones." };
        var command = new Command("attributes", "Score dates, places, quantities, attribution and certainty against hand-annotated sentences.") { file, verbose, gazetteer };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"sitrep eval attributes: {path.FullName} does not exist");
                return 2;
            }
            var dir = parse.GetValue(gazetteer);
            var annotator = dir is null
                ? AttributeAnnotator.LoadDefault()
                : new AttributeAnnotator(Gazetteer.LoadFrom(dir.FullName), ActorLexicon.LoadDefault(Gazetteer.LoadFrom(dir.FullName)));
            var scores = AttributeEval.Run(path.FullName, Tokenizer.Default.Process, annotator);
            Console.WriteLine($"{"attribute",-12} {"items",5} {"correct",7} {"accuracy",8}  secondary");
            int total = 0, correct = 0;
            foreach (var s in scores)
            {
                total += s.Total;
                correct += s.Correct;
                var secondary = s.Secondary is null || s.SecondaryTotal == 0 ? "" : $"{s.Secondary} {s.SecondaryCorrect}/{s.SecondaryTotal} = {(double)s.SecondaryCorrect / s.SecondaryTotal:P1}";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Attribute,-12} {s.Total,5} {s.Correct,7} {s.Accuracy,8:P1}  {secondary}"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"all",-12} {total,5} {correct,7} {(total == 0 ? 0 : (double)correct / total),8:P1}"));
            if (parse.GetValue(verbose))
            {
                foreach (var s in scores)
                {
                    foreach (var e in s.Errors)
                    {
                        Console.WriteLine($"  {s.Attribute} {e}");
                    }
                }
            }
            return 0;
        });
        return command;
    }
}
