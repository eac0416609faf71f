namespace Sitrep.Text.Tests;

/// <summary>Word and sentence rules, on VOA sentences (public domain) where VOA has the case.</summary>
public sealed class TokenizerTests
{
    private static Doc Run(string body, string? title = null) => Tokenizer.Default.Process(Article.Create("t", title, body));

    private static string Words(Doc doc) => string.Join(" ", Enumerable.Range(0, doc.Count).Select(i => doc[i].Text));

    private static string[] Sentences(Doc doc) =>
        doc.AllSentences().Select(s => string.Join(" ", Enumerable.Range(0, s.TokenCount).Select(i => s[i].Text))).ToArray();

    [Theory]
    // Possessives and contractions split as UD does.
    [InlineData("President Donald Trump later confirmed al-Rufay’i’s killing in a post on his Truth Social platform.",
        "President Donald Trump later confirmed al - Rufay’i ’s killing in a post on his Truth Social platform .")]
    [InlineData("Since then, Moscow's army lost a total of 159,090 military personnel.",
        "Since then , Moscow 's army lost a total of 159,090 military personnel .")]
    [InlineData("\"The Taliban can't suppress our voices,\" said Khoshbo, but \"women can't be erased.\"",
        "\" The Taliban ca n't suppress our voices , \" said Khoshbo , but \" women ca n't be erased . \"")]
    [InlineData("I don't know, they won't say and we're not gonna guess; it's what they'll do.",
        "I do n't know , they wo n't say and we 're not gon na guess ; it 's what they 'll do .")]
    [InlineData("Media outlets work under rules that are not always clear about what can and cannot be covered.",
        "Media outlets work under rules that are not always clear about what can and can not be covered .")]
    [InlineData("the soldiers' families", "the soldiers ' families")]
    // Abbreviations keep their period.
    [InlineData("The Golbon completed a 19-day journey to Bandar Abbas on Feb. 13.",
        "The Golbon completed a 19 - day journey to Bandar Abbas on Feb. 13 .")]
    [InlineData("U.S. Central Command, which oversees U.S. military operations, said Gen. Michael Kurilla met Mr. Smith at No. 10 Downing St. on Tuesday.",
        "U.S. Central Command , which oversees U.S. military operations , said Gen. Michael Kurilla met Mr. Smith at No. 10 Downing St. on Tuesday .")]
    [InlineData("Say no. It was No. 5.", "Say no . It was No. 5 .")]
    // Numbers.
    [InlineData("Bilateral trade hit $1.1 billion, a 10.1% increase, on 11.03.2023 at 10:30 — 42,863,423 pulas.",
        "Bilateral trade hit $ 1.1 billion , a 10.1 % increase , on 11.03.2023 at 10:30 — 42,863,423 pulas .")]
    [InlineData("Call 713-853-3989 or 1-800-991-9019 about the 9/11 files.", "Call 713-853-3989 or 1-800-991-9019 about the 9/11 files .")]
    [InlineData("People aged 13-17 may apply, 375mm of rain fell in the 1990s and 80's, 70k fled on the 5th.",
        "People aged 13 - 17 may apply , 375 mm of rain fell in the 1990s and 80's , 70 k fled on the 5th .")]
    // Hyphens: UD splits compounds, keeps listed prefixes.
    [InlineData("a sub-Saharan, non-profit, e-mail based, long-term plan", "a sub-Saharan , non-profit , e-mail based , long - term plan")]
    // Quotes, dashes, ellipses.
    [InlineData("“I have to take six ... medications every day,” he said.", "“ I have to take six ... medications every day , ” he said .")]
    [InlineData("Russia may not stop at Ukraine — fears their populations share -- and more…", "Russia may not stop at Ukraine — fears their populations share -- and more …")]
    // Web material.
    [InlineData("Mail press@voanews.com or see https://www.voanews.com/a/iraq-says/8011115.html.",
        "Mail press@voanews.com or see https://www.voanews.com/a/iraq-says/8011115.html .")]
    [InlineData("(see www.voanews.com/africa), follow @VOANews and #Ghazni!", "( see www.voanews.com/africa ) , follow @VOANews and #Ghazni !")]
    [InlineData("The #PNH is instructed to act on National Highway #1 :)", "The #PNH is instructed to act on National Highway # 1 :)")]
    public void SplitsWordsAsUdDoes(string text, string expected)
    {
        Assert.Equal(expected, Words(Run(text)));
    }

    [Fact]
    public void MarksMultiwordTokens()
    {
        const string text = "Putin's men don't fight; they cannot.";
        var words = Tokenizer.Default.Segment(text);
        var joined = words.Where(w => (w.Flags & WordFlags.JoinedToPrevious) != 0).Select(w => text[w.Start..w.End]);
        Assert.Equal(["'s", "n't", "not"], joined);
    }

    [Fact]
    public void TitleIsItsOwnSentence()
    {
        var doc = Run("One of the Islamic State terror group's most senior leaders is dead. Iraqi officials confirmed it.",
            "Iraq says key Islamic State leader is dead");
        Assert.Equal(
            ["Iraq says key Islamic State leader is dead",
             "One of the Islamic State terror group 's most senior leaders is dead .",
             "Iraqi officials confirmed it ."],
            Sentences(doc));
        Assert.Equal(doc.Article.BodyStart, doc.Sentences[1].Start);
    }

    [Fact]
    public void BulletLinesAndHeadlinesAreSentences()
    {
        var doc = Run("KEY POINTS\n- Europe plans to rearm\n- Aid for Kyiv will grow\nEuropean leaders met in Brussels on Thursday. They agreed.");
        Assert.Equal(
            ["KEY POINTS", "- Europe plans to rearm", "- Aid for Kyiv will grow", "European leaders met in Brussels on Thursday .", "They agreed ."],
            Sentences(doc));
    }

    [Fact]
    public void BlankLinesAreHardBoundariesAndWrappedLinesContinue()
    {
        var doc = Run("Officials said the strike killed\nthree people in Anbar\n\nThe Pentagon declined to comment");
        Assert.Equal(["Officials said the strike killed three people in Anbar", "The Pentagon declined to comment"], Sentences(doc));
    }

    [Fact]
    public void NumberedListItemsKeepTheirNumber()
    {
        var doc = Run("The G7 agenda:\n1. Peace in Ukraine\n2. Maritime security. it matters\nmore than ever.");
        Assert.Equal(["The G7 agenda :", "1 . Peace in Ukraine", "2 . Maritime security .", "it matters more than ever ."], Sentences(doc));
    }

    [Theory]
    [InlineData("\"Today the fugitive leader of ISIS in Iraq was killed. He was relentlessly hunted down,\" Trump wrote.",
        new[] { "\" Today the fugitive leader of ISIS in Iraq was killed .", "He was relentlessly hunted down , \" Trump wrote ." })]
    [InlineData("\"Is it over?\" he asked. Nobody answered!", new[] { "\" Is it over ? \" he asked .", "Nobody answered !" })]
    [InlineData("The ship left on Feb. 13. It arrived in the U.S. The crew was fine.",
        new[] { "The ship left on Feb. 13 .", "It arrived in the U.S .", "The crew was fine ." })]
    [InlineData("Dr. Ali met U.S. officials and Lt. Gen. Smith in Washington, D.C., on Monday.",
        new[] { "Dr. Ali met U.S. officials and Lt. Gen. Smith in Washington , D.C. , on Monday ." })]
    [InlineData("He wrote a book. [12] Later he left.", new[] { "He wrote a book . [ 12 ]", "Later he left ." })]
    [InlineData("Aid goes to Kyiv (and the U.S.) The talks end.", new[] { "Aid goes to Kyiv ( and the U.S. )", "The talks end ." })]
    [InlineData("It rose by 2.5 percent. 2024 was worse.", new[] { "It rose by 2.5 percent .", "2024 was worse ." })]
    public void SplitsSentences(string text, string[] expected)
    {
        Assert.Equal(expected, Sentences(Run(text)));
    }

    [Fact]
    public void DocArraysAreConsistent()
    {
        var doc = Run("A first sentence. A second one!\n\nA third", "Title here");
        Assert.Equal(4, doc.Sentences.Length);
        for (var s = 0; s < doc.Sentences.Length; s++)
        {
            var sd = doc.Sentences[s];
            Assert.Equal(doc.Tokens[sd.FirstToken].Start, sd.Start);
            Assert.Equal(doc.Tokens[sd.EndToken - 1].End, sd.End);
            for (var i = sd.FirstToken; i < sd.EndToken; i++)
            {
                Assert.Equal(s, doc.Tokens[i].Sentence);
                Assert.Equal(-1, doc.Tokens[i].Head);
            }
        }
        Assert.Equal(doc.Count, doc.Sentences.Sum(s => s.TokenCount));
    }

    [Fact]
    public void EmptyAndBlankTextGiveNoTokens()
    {
        Assert.Empty(Run("").Tokens);
        var blank = Run(" \n\n\t ");
        Assert.Empty(blank.Tokens);
        Assert.Empty(blank.Sentences);
    }

    [Fact]
    public void LexiconErrorsNameTheLine()
    {
        var ex = Assert.Throws<FormatException>(() => TokenizerLexicon.Parse(["# c\nabbr\tInc.\nmwt\tcannot\tcan nut\n"], ["x.txt"]));
        Assert.Equal("x.txt:3: parts 'can nut' do not spell 'cannot'", ex.Message);
    }

    [Fact]
    public void ShippedLexiconIsLoaded()
    {
        var lexicon = TokenizerLexicon.Embedded;
        Assert.True(lexicon.AbbreviationCount > 100);
        Assert.True(lexicon.StarterCount > 300);
        Assert.Equal(AbbreviationKind.Title, lexicon.Abbreviation("Gen"));
        Assert.True(lexicon.IsHyphenPrefix("non"));
    }
}
