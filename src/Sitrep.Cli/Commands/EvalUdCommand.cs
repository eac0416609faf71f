using System.CommandLine;
using System.Diagnostics;
using Sitrep.Syntax;
using Sitrep.Text;

namespace Sitrep.Cli;

/// <summary>`sitrep eval ud`: tagging, lemma and attachment scores against a CoNLL-U file.</summary>
internal static class EvalUdCommand
{
    public static Command Create()
    {
        var conllu = new Option<string[]>("--conllu") { Description = "Gold CoNLL-U file(s)", Required = true, AllowMultipleArgumentsPerToken = true };
        var model = new Option<string?>("--model") { Description = "Model folder (default: the shipped model)" };
        var output = new Option<string?>("--output") { Description = "Also write the predicted analyses (gold tokenisation) as CoNLL-U to this file, for error analysis", HelpName = "FILE" };
        var rawText = new Option<bool>("--raw-text") { Description = "Start from each document's raw text (Sitrep tokenizer) and align words by character span, as CoNLL 2018 does" };
        var beam = new Option<int?>("--beam") { Description = "Decode with this parser beam width instead of the model's (1 = greedy)" };
        var parser = ParserOption.Create();
        var command = new Command("ud", "Score the syntax stage (UPOS, XPOS, lemma, feats, UAS, LAS; punctuation included) on gold or raw-text tokenisation.")
        {
            conllu, model, rawText, output, beam, parser,
        };
        command.SetAction(result =>
        {
            var sw = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var dir = result.GetValue(model);
            var kind = result.GetValue(parser);
            var syntax = dir is null ? SyntaxModel.LoadDefault(kind) : SyntaxModel.Load(dir, kind);
            if (result.GetValue(beam) is { } width)
            {
                if (width is < 1 or > 256)
                {
                    Console.Error.WriteLine($"sitrep: --beam {width}: must be between 1 and 256");
                    return 2;
                }
                if (kind == ParserKind.Accurate && width != 1)
                {
                    Console.Error.WriteLine("sitrep: --beam: the accurate parser decodes greedily");
                    return 2;
                }
                syntax = syntax.WithBeam(width);
            }
            Console.WriteLine($"model loaded in {sw.ElapsedMilliseconds} ms ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU)");
            foreach (var file in result.GetValue(conllu)!)
            {
                if (result.GetValue(rawText))
                {
                    var all = RawTextEvaluator.Evaluate(syntax, Tokenizer.Default, file);
                    Console.WriteLine($"{Path.GetFileName(file)} from raw text: words F1 {all.WordsF1:F2} (gold {all.GoldWords}, system {all.SystemWords}); F1 {all.Scores}");
                    var newsOnly = RawTextEvaluator.Evaluate(syntax, Tokenizer.Default, file, id => id.StartsWith("GUM_news", StringComparison.Ordinal));
                    if (newsOnly.GoldWords > 0)
                    {
                        Console.WriteLine($"{Path.GetFileName(file)} GUM_news documents from raw text: words F1 {newsOnly.WordsF1:F2}; F1 {newsOnly.Scores}");
                    }
                    continue;
                }
                var gold = UdCorpus.Read(file);
                cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var predicted = UdEvaluator.Annotate(syntax, gold);
                var elapsed = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                var scores = UdEvaluator.Score(gold, predicted);
                if (result.GetValue(output) is { } outPath)
                {
                    UdCorpus.Write(outPath, predicted);
                }
                Console.WriteLine($"{Path.GetFileName(file)}: {scores}  ({scores.Words / elapsed:F0} words per CPU-second)");
                var news = Enumerable.Range(0, gold.Count).Where(i => gold[i].DocId?.StartsWith("GUM_news", StringComparison.Ordinal) == true).ToArray();
                if (news.Length > 0)
                {
                    Console.WriteLine($"{Path.GetFileName(file)} GUM_news documents: {UdEvaluator.Score(news.Select(i => gold[i]).ToList(), news.Select(i => predicted[i]).ToList())}");
                }
            }
            return 0;
        });
        return command;
    }
}
