using Sitrep.Text;

namespace Sitrep.Syntax.Tests;

/// <summary>
/// Lemmas the event coder keys on, hand-checked against UD English (EWT) conventions: in VOA
/// sentences through the whole syntax stage, and for words absent from the training treebanks
/// straight through the lemmatiser with a given tag, so the learnt rules are tested without the tagger.
/// </summary>
public sealed class LemmaTests(ShippedModelFixture fixture) : IClassFixture<ShippedModelFixture>
{
    private Doc Parse(string text)
    {
        var doc = Tokenizer.Default.Process(Article.Create(null, null, text));
        fixture.Model.Process(doc);
        return doc;
    }

    [Theory]
    [InlineData("Tropical Cyclone Jude slammed into parts of southern Africa this week, causing no deaths but leaving widespread damage.", "slammed", "slam")]
    [InlineData("Tropical Cyclone Jude slammed into parts of southern Africa this week, causing no deaths but leaving widespread damage.", "deaths", "death")]
    [InlineData("And it has been a tough road, paved with intimidation, arrests and bans on more than 150 of his concerts.", "arrests", "arrest")]
    [InlineData("And it has been a tough road, paved with intimidation, arrests and bans on more than 150 of his concerts.", "bans", "ban")]
    [InlineData("The army called up 5,000 reservists after the attack.", "called", "call")]
    [InlineData("The army called up 5,000 reservists after the attack.", "up", "up")]
    [InlineData("The army called up 5,000 reservists after the attack.", "5,000", "5000")]
    [InlineData("Militants said they released dozens of women, children and Baloch passengers early on.", "women", "woman")]
    [InlineData("Militants said they released dozens of women, children and Baloch passengers early on.", "children", "child")]
    [InlineData("Militants said they released dozens of women, children and Baloch passengers early on.", "Militants", "militant")]
    [InlineData("Militants said they released dozens of women, children and Baloch passengers early on.", "Baloch", "Baloch")]
    [InlineData("Officials in the two countries said thousands of people were homeless.", "countries", "country")]
    [InlineData("Officials in the two countries said thousands of people were homeless.", "people", "people")]
    [InlineData("Officials in the two countries said thousands of people were homeless.", "were", "be")]
    [InlineData("Kirkwood said tens of thousands of people have fled back to their villages in recent days.", "fled", "flee")]
    [InlineData("Experts say allowing them to finish school is one way to reduce the gender employment gap.", "them", "they")]
    [InlineData("\"It wasn't good, especially when you are impeaching someone who's in the hospital.", "n't", "not")]
    [InlineData("\"It wasn't good, especially when you are impeaching someone who's in the hospital.", "'s", "be")]
    [InlineData("\"It wasn't good, especially when you are impeaching someone who's in the hospital.", "impeaching", "impeach")]
    [InlineData("For the 2024 hunting season, the community quotas generated the sum of 42,863,423 pulas.", "42,863,423", "42863423")]
    [InlineData("They stopped the train at a spot where there is no signal support, Hayat said.", "stopped", "stop")]
    [InlineData("In the past two years, journalists have been blocked or harassed while covering events and briefly detained, media groups said.", "detained", "detain")]
    public void NewsSentences(string text, string word, string lemma)
    {
        var doc = Parse(text);
        for (var i = 0; i < doc.Count; i++)
        {
            if (doc[i].Text == word)
            {
                Assert.True(doc[i].Lemma == lemma, $"'{word}' ({doc[i].Xpos}) lemma '{doc[i].Lemma}', expected '{lemma}' in '{text}'");
                return;
            }
        }
        Assert.Fail($"'{word}' not a token of '{text}'");
    }

    // None of these forms occurs in EWT or GUM train: the suffix rules and the known-lemma check decide.
    [Theory]
    [InlineData("slamming", "VBG", "slam")]
    [InlineData("shelled", "VBD", "shell")]
    [InlineData("shelling", "VBG", "shell")]
    [InlineData("bombarded", "VBD", "bombard")]
    [InlineData("abducted", "VBN", "abduct")]
    [InlineData("hijacked", "VBN", "hijack")]
    [InlineData("ambushed", "VBD", "ambush")]
    [InlineData("jailed", "VBN", "jail")]
    [InlineData("looted", "VBD", "loot")]
    [InlineData("torched", "VBD", "torch")]
    [InlineData("rioting", "VBG", "riot")]
    [InlineData("mobbed", "VBN", "mob")]
    [InlineData("expelled", "VBD", "expel")]
    [InlineData("clashed", "VBD", "clash")]
    [InlineData("ceasefires", "NNS", "ceasefire")]
    [InlineData("skirmishes", "NNS", "skirmish")]
    [InlineData("curfews", "NNS", "curfew")]
    [InlineData("airstrikes", "NNS", "airstrike")]
    [InlineData("barrages", "NNS", "barrage")]
    [InlineData("bravest", "JJS", "brave")]
    [InlineData("gravest", "JJS", "grave")]
    [InlineData("bloodiest", "JJS", "bloody")]
    public void UnseenWords(string form, string xpos, string lemma)
    {
        Assert.Equal(lemma, fixture.Model.Lemmatizer.Lookup(form, xpos, UposOf(xpos)).Lemma);
    }

    [Theory]
    // Proper nouns keep their case; a lowercased one takes the spelling training saw.
    [InlineData("Kyiv", "NNP", "Kyiv")]
    [InlineData("mexico", "NNP", "Mexico")]
    // Other words are lowercased, and pronouns take the nominative.
    [InlineData("Rebels", "NNS", "rebel")]
    [InlineData("us", "PRP", "we")]
    [InlineData("him", "PRP", "he")]
    [InlineData("'ll", "MD", "will")]
    [InlineData("'re", "VBP", "be")]
    // Thousands separators are dropped, as in UD English.
    [InlineData("1,100", "CD", "1100")]
    // A known word with a tag it never took backs off to its own lemma, not the tag's suffix rule.
    [InlineData("detained", "JJ", "detain")]
    public void LearntConventions(string form, string xpos, string lemma)
    {
        Assert.Equal(lemma, fixture.Model.Lemmatizer.Lookup(form, xpos, UposOf(xpos)).Lemma);
    }

    [Fact]
    public void SavedLemmatizerReadsBackWithTheSameLemmas()
    {
        var train = UdCorpus.Read(RepoPaths.Ud("en_ewt-ud-train.conllu")).Take(2000).ToList();
        var trained = Lemmatizer.Train(train);
        var dir = Path.Combine(Path.GetTempPath(), "sitrep-lemma-" + Environment.ProcessId);
        try
        {
            SyntaxModel.WriteLemmatizer(trained, dir);
            var bytes = File.ReadAllBytes(Path.Combine(dir, SyntaxModel.LemmatizerFile));
            SyntaxModel.WriteLemmatizer(Lemmatizer.Train(train), dir);
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(dir, SyntaxModel.LemmatizerFile)));
            using var stream = File.OpenRead(Path.Combine(dir, SyntaxModel.LemmatizerFile));
            using var inflate = new System.IO.Compression.DeflateStream(stream, System.IO.Compression.CompressionMode.Decompress);
            using var reader = new BinaryReader(inflate);
            reader.ReadInt32();
            var read = Lemmatizer.Read(reader);
            foreach (var s in UdCorpus.Read(RepoPaths.Ud("en_ewt-ud-dev.conllu")).Take(300))
            {
                for (var i = 0; i < s.Length; i++)
                {
                    Assert.Equal(trained.Lookup(s.Forms[i], s.Xpos[i], s.Upos[i]), read.Lookup(s.Forms[i], s.Xpos[i], s.Upos[i]));
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string UposOf(string xpos) => xpos switch
    {
        "NNP" or "NNPS" => "PROPN",
        "NNS" or "NN" => "NOUN",
        "JJ" or "JJS" or "JJR" => "ADJ",
        "PRP" => "PRON",
        "MD" or "VBP" => "AUX",
        "CD" => "NUM",
        _ => "VERB",
    };
}
