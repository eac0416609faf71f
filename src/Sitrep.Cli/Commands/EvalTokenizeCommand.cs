using System.CommandLine;
using System.Globalization;
using Sitrep.Text;
using Sitrep.Text.Conllu;

namespace Sitrep.Cli;

/// <summary>`sitrep eval tokenize`: tokens, words and sentences F1 of the tokenizer on CoNLL-U gold files.</summary>
internal static class EvalTokenizeCommand
{
    public static Command Create()
    {
        var files = new Option<string[]>("--conllu") { Description = "CoNLL-U gold files (raw text is rebuilt from them)", Required = true, AllowMultipleArgumentsPerToken = true };
        var lexicon = new Option<string?>("--lexicon") { Description = "Directory with base.txt/lexicon.txt to use instead of the shipped tokenizer lexicon" };
        var errors = new Option<int>("--errors") { Description = "Print up to N sentence-boundary (-/+) and token (T) errors per file, for tuning on dev splits" };
        var command = new Command("tokenize", "Score tokenization and sentence splitting against CoNLL-U gold data (CoNLL 2018 shared task alignment).");
        command.Options.Add(files);
        command.Options.Add(lexicon);
        command.Options.Add(errors);
        command.SetAction(parse =>
        {
            var tokenizer = new Tokenizer(TokenizerLexicon.Load(parse.GetValue(lexicon)));
            var maxErrors = parse.GetValue(errors);
            var total = SegmentationScores.Empty;
            var paths = parse.GetValue(files) ?? [];
            Console.WriteLine($"{"file",-28} {"tokens F1",10} {"words F1",10} {"sents P",8} {"sents R",8} {"sents F1",9}");
            foreach (var path in paths)
            {
                if (!File.Exists(path))
                {
                    Console.Error.WriteLine($"error: CoNLL-U file '{path}' not found");
                    return 1;
                }
                var score = SegmentationScores.Empty;
                var printed = 0;
                foreach (var doc in SegmentationEvaluator.Documents(ConlluReader.ReadFile(path)))
                {
                    var system = tokenizer.Segment(doc.Text);
                    score += SegmentationEvaluator.Evaluate(doc, system);
                    if (printed < maxErrors)
                    {
                        printed += PrintSentenceErrors(doc, system, maxErrors - printed);
                    }
                }
                Print(Path.GetFileName(path), score);
                total += score;
            }
            if (paths.Length > 1)
            {
                Print("all", total);
            }
            return 0;
        });
        return command;
    }

    private static void Print(string name, SegmentationScores s) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-28} {100 * s.Tokens.F1,10:F2} {100 * s.Words.F1,10:F2} {100 * s.Sentences.Precision,8:F2} {100 * s.Sentences.Recall,8:F2} {100 * s.Sentences.F1,9:F2}"));

    /// <summary>Shows gold sentence starts the tokenizer missed (-) and starts it invented (+), with context.</summary>
    private static int PrintSentenceErrors(GoldDocument doc, WordSpan[] system, int max)
    {
        var gold = new HashSet<int>(doc.Sentences.Select(s => s.Start));
        var sys = new HashSet<int>(system.Where(w => (w.Flags & WordFlags.SentenceStart) != 0).Select(w => w.Start));
        var printed = 0;
        foreach (var (at, sign) in gold.Except(sys).Select(x => (x, '-')).Concat(sys.Except(gold).Select(x => (x, '+'))).OrderBy(x => x.Item1))
        {
            if (printed++ >= max)
            {
                break;
            }
            var from = Math.Max(0, at - 50);
            var to = Math.Min(doc.Text.Length, at + 40);
            Console.WriteLine($"{sign} {doc.Text[from..at].Replace('\n', '¶')}‖{doc.Text[at..to].Replace('\n', '¶')}");
        }
        return printed + PrintTokenErrors(doc, system, max - printed);
    }

    /// <summary>Shows gold tokens the tokenizer did not produce, with the system's tokens over the same text.</summary>
    private static int PrintTokenErrors(GoldDocument doc, WordSpan[] system, int max)
    {
        var sys = new HashSet<(int, int)>();
        var sysList = new List<(int Start, int End)>();
        foreach (var w in system)
        {
            if ((w.Flags & WordFlags.JoinedToPrevious) != 0 && sysList.Count > 0)
            {
                sysList[^1] = (sysList[^1].Start, w.End);
            }
            else
            {
                sysList.Add((w.Start, w.End));
            }
        }
        sys.UnionWith(sysList);
        var printed = 0;
        // Multiword tokens whose words differ from the system's words over the same span.
        var sysWords = new Dictionary<(int, int), List<string>>();
        var tokenIndex = -1;
        foreach (var w in system)
        {
            if ((w.Flags & WordFlags.JoinedToPrevious) == 0 || tokenIndex < 0)
            {
                tokenIndex++;
            }
            var span = sysList[tokenIndex];
            if (!sysWords.TryGetValue(span, out var list))
            {
                sysWords[span] = list = [];
            }
            list.Add(doc.Text[w.Start..w.End]);
        }
        foreach (var group in doc.Words.GroupBy(w => (w.TokenStart, w.TokenEnd)))
        {
            var gold = group.Select(w => w.Form).ToList();
            if (printed < max && sysWords.TryGetValue(group.Key, out var sw) && !gold.SequenceEqual(sw, StringComparer.OrdinalIgnoreCase))
            {
                printed++;
                Console.WriteLine($"W gold [{string.Join("] [", gold)}] system [{string.Join("] [", sw)}]");
            }
        }
        foreach (var g in doc.Tokens)
        {
            if (printed >= max)
            {
                break;
            }
            if (!sys.Contains(g))
            {
                printed++;
                var over = sysList.Where(s => s.End > g.Start && s.Start < g.End).Select(s => doc.Text[s.Start..s.End]);
                Console.WriteLine($"T gold [{doc.Text[g.Start..g.End]}] system [{string.Join("] [", over)}]");
            }
        }
        return printed;
    }
}
