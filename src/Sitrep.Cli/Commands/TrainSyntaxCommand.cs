using System.CommandLine;
using System.Diagnostics;
using Sitrep.Syntax;

namespace Sitrep.Cli;

/// <summary>`sitrep train syntax`: trains tagger, lemmatiser and parser from UD English EWT + GUM.</summary>
internal static class TrainSyntaxCommand
{
    public static Command Create()
    {
        var ud = new Option<string>("--ud") { Description = "Folder with en_ewt-ud-*.conllu and en_gum-ud-*.conllu", DefaultValueFactory = _ => "../shared/data/ud" };
        var output = new Option<string>("--out") { Description = "Folder to write clusters.bin, tagger.bin, lemmatizer.bin, parser.bin", DefaultValueFactory = _ => "data/models" };
        var defaults = new SyntaxTrainOptions();
        var taggerEpochs = new Option<int>("--tagger-epochs") { DefaultValueFactory = _ => defaults.TaggerEpochs };
        var parserEpochs = new Option<int>("--parser-epochs") { DefaultValueFactory = _ => defaults.ParserEpochs };
        var folds = new Option<int>("--folds") { Description = "Jackknife folds for the parser's training tags (0 = gold tags)", DefaultValueFactory = _ => defaults.Folds };
        var tagCache = new Option<string?>("--tag-cache") { Description = "Folder caching the trained tagger and jackknifed training tags between parser experiments (reused when the tagger settings match)", HelpName = "DIR" };
        var beam = new Option<int>("--beam") { Description = "Parser beam width (1 = greedy parser with the dynamic oracle)", DefaultValueFactory = _ => defaults.Beam };
        var parserWeights = new Option<int>("--parser-weights") { Description = "Weights of the parser's move classifier kept (the largest in magnitude): most of parser.bin's size", DefaultValueFactory = _ => defaults.ParserWeights };
        var moveClasses = new Option<int>("--move-classes") { Description = $"Classes of the parser's move classifier, 3 to {SyntaxTrainOptions.MaxMoveClasses}: SHIFT, the most frequent labelled arcs, an 'other' arc per direction (3 = every label from the labeller)", DefaultValueFactory = _ => defaults.MoveClasses };
        var parserModels = new Option<int>("--parser-models") { Description = "Parsers trained side by side with different shuffles, their weights summed into one model (an ensemble at the cost of one)", DefaultValueFactory = _ => defaults.ParserModels };
        var taggerModels = new Option<int>("--tagger-models") { Description = "Taggers trained side by side with different shuffles, their weights summed into one (also for each jackknife fold)", DefaultValueFactory = _ => defaults.TaggerModels };
        var labelerWeights = new Option<int>("--labeler-weights") { Description = "Weights of the parser's arc labeller kept (the largest in magnitude)", DefaultValueFactory = _ => defaults.LabelerWeights };
        var clusters = new Option<string?>("--clusters") { Description = "Word clusters for tagger and parser features (from `train clusters`; \"none\" for no clusters); written into --out with the model", HelpName = "FILE", DefaultValueFactory = _ => "data/models/clusters.bin" };
        var parser = new Option<ParserKind>("--parser") { Description = "fast: the perceptron parser (parser.bin); accurate: the neural BiLSTM parser (neural.bin)", DefaultValueFactory = _ => ParserKind.Fast };
        var neuralHidden = new Option<int>("--neural-hidden") { Description = "Accurate parser: LSTM units per direction", DefaultValueFactory = _ => defaults.NeuralHidden };
        var neuralLayers = new Option<int>("--neural-layers") { Description = "Accurate parser: stacked BiLSTM layers (1 to 4); each adds about 80 % to the parser's work", DefaultValueFactory = _ => defaults.NeuralLayers };
        var neuralBatch = new Option<int>("--neural-batch") { Description = "Accurate parser: sentences per Adam step", DefaultValueFactory = _ => defaults.NeuralBatch };
        var neuralRate = new Option<double>("--neural-rate") { Description = "Accurate parser: Adam learning rate", DefaultValueFactory = _ => defaults.NeuralRate };
        var neuralExplore = new Option<double>("--neural-explore") { Description = "Accurate parser: probability of following a wrong predicted transition after the first epoch", DefaultValueFactory = _ => defaults.NeuralExplore };
        var neuralDropout = new Option<double>("--neural-dropout") { Description = "Accurate parser: dropout on embeddings, BiLSTM outputs and the MLP hidden layer", DefaultValueFactory = _ => defaults.NeuralDropout };
        var neuralVectors = new Option<string?>("--neural-vectors") { Description = "Accurate parser: pretrained word vectors (GloVe text or the wink JSON of `train clusters`), fixed and added to the trained word embeddings", HelpName = "FILE" };
        var neuralVectorWords = new Option<int>("--neural-vector-words") { Description = "Accurate parser: most frequent words of --neural-vectors kept", DefaultValueFactory = _ => defaults.NeuralVectorWords };
        var neuralAverage = new Option<double>("--neural-average") { Description = "Accurate parser: decay of the moving average of the weights that is evaluated and kept after each epoch (0 = raw weights)", DefaultValueFactory = _ => defaults.NeuralAverage };
        var lemmatizerOnly = new Option<bool>("--lemmatizer-only") { Description = "Retrain only lemmatizer.bin in the --out folder (the other files stay)" };
        AtLeast(neuralHidden, 1);
        AtLeast(neuralBatch, 1);
        Between(neuralLayers, 1, 4);
        AtLeast(neuralVectorWords, 1);
        Within(neuralRate, 0, 1, "above 0 and at most 1", v => v > 0 && v <= 1);
        Within(neuralExplore, 0, 1, "between 0 and 1", v => v is >= 0 and <= 1);
        Within(neuralDropout, 0, 1, "at least 0 and below 1", v => v is >= 0 and < 1);
        Within(neuralAverage, 0, 1, "at least 0 and below 1", v => v is >= 0 and < 1);
        AtLeast(parserModels, 1);
        AtLeast(taggerModels, 1);
        AtLeast(beam, 1);
        Between(moveClasses, 3, SyntaxTrainOptions.MaxMoveClasses);
        var command = new Command("syntax", "Train the tagger, lemmatiser and dependency parser (train splits; dev for reporting).")
        {
            ud, output, taggerEpochs, parserEpochs, folds, tagCache, beam, moveClasses, parserModels, taggerModels, parserWeights, labelerWeights, clusters, lemmatizerOnly, parser, neuralHidden, neuralLayers, neuralBatch, neuralRate, neuralExplore, neuralDropout, neuralVectors, neuralVectorWords, neuralAverage,
        };
        command.SetAction(result =>
        {
            var dir = result.GetValue(ud)!;
            var sw = Stopwatch.StartNew();
            var train = UdCorpus.Read(Path.Combine(dir, "en_ewt-ud-train.conllu"));
            train.AddRange(UdCorpus.Read(Path.Combine(dir, "en_gum-ud-train.conllu")));
            if (result.GetValue(lemmatizerOnly))
            {
                SyntaxTrainer.TrainLemmatizer(train, result.GetValue(output)!);
                Console.WriteLine($"lemmatizer.bin written to {result.GetValue(output)}");
                return 0;
            }
            var dev = UdCorpus.Read(Path.Combine(dir, "en_ewt-ud-dev.conllu"));
            var options = defaults with
            {
                TaggerEpochs = result.GetValue(taggerEpochs),
                ParserEpochs = result.GetValue(parserEpochs),
                Folds = result.GetValue(folds),
                TagCache = result.GetValue(tagCache),
                Beam = result.GetValue(beam),
                Clusters = result.GetValue(clusters) is { } c && c != "none" ? c : null,
                ParserWeights = result.GetValue(parserWeights),
                LabelerWeights = result.GetValue(labelerWeights),
                MoveClasses = result.GetValue(moveClasses),
                ParserModels = result.GetValue(parserModels),
                TaggerModels = result.GetValue(taggerModels),
                Neural = result.GetValue(parser) == ParserKind.Accurate,
                NeuralHidden = result.GetValue(neuralHidden),
                NeuralLayers = result.GetValue(neuralLayers),
                NeuralBatch = result.GetValue(neuralBatch),
                NeuralRate = result.GetValue(neuralRate),
                NeuralExplore = result.GetValue(neuralExplore),
                NeuralDropout = result.GetValue(neuralDropout),
                NeuralVectors = result.GetValue(neuralVectors),
                NeuralVectorWords = result.GetValue(neuralVectorWords),
                NeuralAverage = result.GetValue(neuralAverage),
            };
            Console.WriteLine($"training on {train.Count} sentences, reporting on {dev.Count} EWT dev sentences; {options}");
            var model = SyntaxTrainer.Train(train, dev, options, Console.Out);
            var outDir = result.GetValue(output)!;
            model.Save(outDir);
            Console.WriteLine($"saved to {outDir} in {sw.Elapsed.TotalSeconds:F0} s");
            foreach (var file in Directory.GetFiles(outDir, "*.bin").Order(StringComparer.Ordinal))
            {
                Console.WriteLine($"  {Path.GetFileName(file)}  {new FileInfo(file).Length / 1024.0 / 1024.0:F2} MB");
            }
            foreach (var split in new[] { "en_ewt-ud-dev.conllu", "en_gum-ud-dev.conllu" })
            {
                var gold = UdCorpus.Read(Path.Combine(dir, split));
                Console.WriteLine($"{split}: {UdEvaluator.Score(gold, UdEvaluator.Annotate(model, gold))}");
            }
            return 0;
        });
        return command;
    }

    private static void Within(Option<double> option, double low, double high, string range, Func<double, bool> accept) =>
        option.Validators.Add(result =>
        {
            if (!accept(result.GetValueOrDefault<double>()))
            {
                result.AddError($"{option.Name} must be {range} ({low}–{high})");
            }
        });

    private static void Between(Option<int> option, int min, int max) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < min || result.GetValueOrDefault<int>() > max)
            {
                result.AddError($"{option.Name} must be between {min} and {max}");
            }
        });

    private static void AtLeast(Option<int> option, int min) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < min)
            {
                result.AddError($"{option.Name} must be at least {min}");
            }
        });
}
