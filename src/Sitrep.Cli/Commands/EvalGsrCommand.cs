using System.CommandLine;
using Sitrep.Attributes;
using Sitrep.Coding;
using Sitrep.Coding.Eval;
using Sitrep.Syntax;
using Sitrep.Text;

namespace Sitrep.Cli;

/// <summary>`sitrep eval gsr FILE`: event type and actor accuracy against PLOVER GSR gold sentences.</summary>
internal static class EvalGsrCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Gold records, JSON lines like ../shared/data/gold/plover-gsr-dev.jsonl" };
        var dicts = new Option<string[]>("--dict") { Description = "User dictionary directory loaded after the shipped ones (repeatable)", AllowMultipleArgumentsPerToken = true };
        var model = new Option<DirectoryInfo?>("--model") { Description = "Syntax model directory (default: the shipped model)" };
        var details = new Option<FileInfo?>("--details") { Description = "Write per-sentence gold and coded events to this file" };
        var noGazetteer = new Option<bool>("--no-gazetteer") { Description = "Code without gazetteer places (the pipeline gives the coder the attributes stage's places)" };
        var parser = ParserOption.Create();
        var command = new Command("gsr", "Score the event coder on PLOVER GSR gold sentences: type, source and target accuracy, spurious events, confusion matrix.") { file, dicts, model, details, noGazetteer, parser };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"sitrep eval gsr: file not found: {path.FullName}");
                return 2;
            }
            EventCoder coder;
            try
            {
                coder = EventCoder.Load(parse.GetValue(dicts) ?? []);
            }
            catch (Exception e) when (e is DictionaryException or DirectoryNotFoundException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
            var dir = parse.GetValue(model);
            var syntax = dir is null ? SyntaxModel.LoadDefault(parse.GetValue(parser)) : SyntaxModel.Load(dir.FullName, parse.GetValue(parser));
            IReadOnlyList<GsrRecord> records;
            try
            {
                records = GsrEvaluator.Read(path.FullName, coder.Ontology);
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
            var annotator = parse.GetValue(noGazetteer) ? null : AttributeAnnotator.LoadDefault();
            var scores = GsrEvaluator.Evaluate(records, coder, article =>
            {
                var doc = Tokenizer.Default.Process(article);
                syntax.Process(doc);
                return doc;
            }, annotator is null ? null : annotator.Places);
            Console.Write(scores.Format());
            if (parse.GetValue(details) is { } d)
            {
                File.WriteAllText(d.FullName, string.Join("\n", scores.Details));
            }
            return 0;
        });
        return command;
    }
}
