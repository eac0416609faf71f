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
        var parse = new Option<bool>("--parse") { Description = "Run the shipped tagger and parser first, so attachment uses the dependency parse." };
        var models = new Option<DirectoryInfo?>("--models") { Description = "Parse first with the syntax model in this directory (implies --parse)." };
        var lexiconOnly = new Option<bool>("--lexicon-only") { Description = "Code attributed sources with the attribute stage's own lexicon only, not the coder's actor dictionaries first (as the pipeline does)." };
        var command = new Command("attributes", "Score dates, places, quantities, attribution and certainty against hand-annotated sentences.") { file, verbose, gazetteer, parse, models, lexiconOnly };
        command.SetAction(result =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"sitrep eval attributes: {path.FullName} does not exist");
                return 2;
            }
            var dir = result.GetValue(gazetteer);
            IActorResolver? coderActors = result.GetValue(lexiconOnly) ? null : new Sitrep.Pipeline.DictionaryActorResolver(Sitrep.Coding.EventCoder.LoadDefault().Actors);
            var annotator = dir is null
                ? AttributeAnnotator.LoadDefault(coderActors)
                : new AttributeAnnotator(Gazetteer.LoadFrom(dir.FullName), ActorLexicon.LoadDefault(Gazetteer.LoadFrom(dir.FullName)));
            Func<Article, Doc> process = Tokenizer.Default.Process;
            var modelDir = result.GetValue(models);
            if (result.GetValue(parse) || modelDir is not null)
            {
                Sitrep.Syntax.SyntaxModel syntax;
                try
                {
                    syntax = modelDir is null ? Sitrep.Syntax.SyntaxModel.LoadDefault() : Sitrep.Syntax.SyntaxModel.Load(modelDir.FullName);
                }
                catch (Exception e) when (e is InvalidOperationException or IOException)
                {
                    Console.Error.WriteLine($"sitrep eval attributes: cannot load the syntax model: {e.Message}");
                    return 2;
                }
                process = article =>
                {
                    var doc = Tokenizer.Default.Process(article);
                    syntax.Process(doc);
                    return doc;
                };
            }
            var scores = AttributeEval.Run(path.FullName, process, annotator);
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
            if (result.GetValue(verbose))
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
